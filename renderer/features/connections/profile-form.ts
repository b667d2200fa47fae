import { ProfileInput, defaultPorts } from '../../../shared/domain/connection';
import type { ProfileView, ProtocolVersion, Transport } from '../../../shared/domain/connection';

/** The form's own state: text as typed, so a half-typed port is still shown as typed. */
export interface ProfileDraft {
  id: string;
  name: string;
  transport: Transport;
  host: string;
  port: string;
  path: string;
  protocolVersion: ProtocolVersion;
  clientId: string;
  username: string;
  /** '' with passwordSet means "keep the stored password". */
  password: string;
  passwordSet: boolean;
  clean: boolean;
  keepalive: string;
}

export type FieldErrors = Partial<Record<keyof ProfileDraft, string>>;

export function generateClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `mqtt-lab-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export function newDraft(existingCount: number): ProfileDraft {
  return {
    id: crypto.randomUUID(),
    name: existingCount === 0 ? 'Local broker' : `Connection ${existingCount + 1}`,
    transport: 'mqtt',
    host: '127.0.0.1',
    port: String(defaultPorts.mqtt),
    path: '/mqtt',
    protocolVersion: 5,
    clientId: generateClientId(),
    username: '',
    password: '',
    passwordSet: false,
    clean: true,
    keepalive: '60',
  };
}

export function draftFromProfile(profile: ProfileView): ProfileDraft {
  return {
    ...profile,
    port: String(profile.port),
    keepalive: String(profile.keepalive),
    password: '',
  };
}

/** Switching transport moves the port along only while it still holds the old transport's default. */
export function withTransport(draft: ProfileDraft, transport: Transport): ProfileDraft {
  const portWasDefault = draft.port === String(defaultPorts[draft.transport]);
  return { ...draft, transport, port: portWasDefault ? String(defaultPorts[transport]) : draft.port };
}

function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** Checks a draft with the same schema the main process applies, and keys each message by field. */
export function validateDraft(draft: ProfileDraft): { ok: true; profile: ProfileInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const port = wholeNumber(draft.port);
  const keepalive = wholeNumber(draft.keepalive);
  if (Number.isNaN(port)) errors.port = 'The port must be a whole number between 1 and 65535.';
  if (Number.isNaN(keepalive)) errors.keepalive = 'Keepalive must be a whole number of seconds (0 turns it off).';
  const candidate = {
    id: draft.id,
    name: draft.name,
    transport: draft.transport,
    host: draft.host,
    port: Number.isNaN(port) ? 1 : port,
    path: draft.path,
    protocolVersion: draft.protocolVersion,
    clientId: draft.clientId,
    username: draft.username,
    clean: draft.clean,
    keepalive: Number.isNaN(keepalive) ? 0 : keepalive,
    // An untouched password field on a profile with a stored password keeps that password.
    password: draft.password === '' && draft.passwordSet ? undefined : draft.password,
  };
  const parsed = ProfileInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof ProfileDraft | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, profile: parsed.data };
}
