import { BrokerSettingsInput } from '../../../shared/domain/broker';
import type { BrokerSettingsFields, BrokerSettingsView } from '../../../shared/domain/broker';
import type { Message } from '../../../shared/i18n';
import { issueText } from '../../../shared/i18n/issue-text';

/** The broker settings as the form holds them: ports as typed, passwords only as typed. */
export interface BrokerDraft {
  bindAddress: string;
  tcpPort: string;
  websocket: { enabled: boolean; port: string };
  tls: { enabled: boolean; port: string; cert: BrokerSettingsFields['tls']['cert']; keyName: string };
  /** A newly chosen key; '' keeps the stored one unless keyCleared. */
  tlsKey: string;
  tlsKeySet: boolean;
  tlsKeyCleared: boolean;
  auth: BrokerSettingsFields['auth'];
  users: { username: string; password: string; passwordSet: boolean }[];
  autoStart: boolean;
}

/** Field path → a catalogue key (worded by the form) or a core's own text. */
/** By field path: a catalogue key, a Message with parameters (a schema's issue), or a failure already worded. */
export type BrokerErrors = Record<string, string | Message>;

export function draftFromSettings(settings: BrokerSettingsView): BrokerDraft {
  return {
    bindAddress: settings.bindAddress,
    tcpPort: String(settings.tcpPort),
    websocket: { enabled: settings.websocket.enabled, port: String(settings.websocket.port) },
    tls: { ...settings.tls, port: String(settings.tls.port) },
    tlsKey: '',
    tlsKeySet: settings.tlsKeySet,
    tlsKeyCleared: false,
    auth: settings.auth,
    users: settings.users.map((user) => ({ username: user.username, password: '', passwordSet: user.passwordSet })),
    autoStart: settings.autoStart,
  };
}

function portNumber(text: string, path: string, errors: BrokerErrors): number {
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  errors[path] = 'broker.settings.portWhole';
  return 1;
}

/** Checks the draft with the schema the main process applies; errors are keyed by field path. */
export function validateBrokerDraft(draft: BrokerDraft): { ok: true; settings: BrokerSettingsInput } | { ok: false; errors: BrokerErrors } {
  const errors: BrokerErrors = {};
  const candidate = {
    bindAddress: draft.bindAddress,
    tcpPort: portNumber(draft.tcpPort, 'tcpPort', errors),
    websocket: { enabled: draft.websocket.enabled, port: portNumber(draft.websocket.port, 'websocket.port', errors) },
    tls: { enabled: draft.tls.enabled, port: portNumber(draft.tls.port, 'tls.port', errors), cert: draft.tls.cert, keyName: draft.tls.keyName },
    auth: draft.auth,
    autoStart: draft.autoStart,
    // A user whose password field is untouched keeps the stored password.
    users: draft.users.map((user) => (user.password === '' && user.passwordSet ? { username: user.username } : { username: user.username, password: user.password })),
    ...(draft.tlsKey !== '' ? { tlsKey: draft.tlsKey } : draft.tlsKeyCleared ? { tlsKey: '' } : {}),
  };
  draft.users.forEach((user, index) => {
    if (user.password === '' && !user.passwordSet) errors[`users.${index}.password`] = 'broker.settings.userPassword';
  });
  const parsed = BrokerSettingsInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      if (!errors[path]) errors[path] = issueText(issue) ?? issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}
