import type { EventEnvelope, RequestResult } from './contract';

/**
 * What the Electron preload exposes as `window.mqttLab`, and all it exposes: one untyped pipe each
 * way. The typed surface is built on top of it in the renderer, from the contract.
 */
export interface MqttLabBridge {
  invoke(channel: string, input: unknown): Promise<RequestResult<unknown>>;
  on(listener: (envelope: EventEnvelope) => void): () => void;
  /** Where a file the user chose or dropped lives on disk (Electron's webUtils); a page cannot know. */
  pathForFile(file: object): string;
}

export const ipcChannels = {
  invoke: 'mqtt-lab:invoke',
  event: 'mqtt-lab:event',
} as const;
