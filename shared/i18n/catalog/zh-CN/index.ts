import { app } from './app';
import { common } from './common';
import { connections } from './connections';
import { messages } from './messages';
import { topics } from './topics';
import { plot } from './plot';
import { broker } from './broker';
import { simulator } from './simulator';
import { publish } from './publish';
import { subscriptions } from './subscriptions';
import { savedMessages } from './saved-messages';
import { exchange } from './exchange';
import { mqtt } from './mqtt';
import { timeline } from './timeline';
import { packets } from './packets';
import { lifeline } from './lifeline';
import { recordings } from './recordings';
import { cli } from './cli';
import { payload } from './payload';
import { lessons } from './lessons';
import { launch } from './launch';

/** Every Simplified Chinese sentence, by key; each area file is typed against its English twin. */
export const zhCN = {
  ...app,
  ...common,
  ...connections,
  ...messages,
  ...topics,
  ...plot,
  ...broker,
  ...simulator,
  ...publish,
  ...subscriptions,
  ...savedMessages,
  ...exchange,
  ...mqtt,
  ...timeline,
  ...packets,
  ...lifeline,
  ...recordings,
  ...cli,
  ...payload,
  ...lessons,
  ...launch,
};
