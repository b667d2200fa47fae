import { ProfileInput, defaultPorts, defaultProfileFields, knownPorts } from '../../../shared/domain/profile';
import type { KeyValue, PemFile, ProfileFields, ProfileView, SecretName, Transport } from '../../../shared/domain/profile';
import { isMessageKey, translator, type Translator } from '../../../shared/i18n';

/** A number as typed: the form keeps text so a half-typed value is still shown as typed. */
type Typed<T> = { [K in keyof T]: number extends T[K] ? string : T[K] };

/**
 * The form's own state. Secrets hold only what the user typed: '' on a profile whose secret is set
 * means "keep it", because the renderer is never given a stored secret to show.
 */
export interface ProfileDraft extends Typed<Omit<ProfileFields, 'tls' | 'will' | 'properties' | 'reconnect'>> {
  id: string;
  tls: Omit<ProfileFields['tls'], 'alpn'> & { alpn: string };
  will: Typed<ProfileFields['will']>;
  properties: Typed<ProfileFields['properties']>;
  reconnect: Typed<ProfileFields['reconnect']>;
  secrets: { password: string; keyPassphrase: string; clientKey: string };
  secretsSet: Record<SecretName, boolean>;
  /** The user removed a stored secret on purpose. */
  secretsCleared: Record<SecretName, boolean>;
}

/**
 * Problems keyed by the dotted path of the field, such as "will.topic" or "headers.0.key". From
 * checkDraft a problem is a catalogue key (or a sentence that is not ours), worded at render by wordErrors.
 */
export type FieldErrors = Record<string, string>;

export function generateClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `mqtt-lab-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function typed<T extends object>(object: T, prefix: string): Typed<T> {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, isNumericKey(prefix, key) ? (value === null ? '' : String(value)) : value]),
  ) as Typed<T>;
}

function draftFromFields(fields: ProfileFields, id: string, secretsSet: Record<SecretName, boolean>): ProfileDraft {
  const { tls, will, properties, reconnect, ...top } = fields;
  return {
    ...typed(top, ''),
    id,
    tls: { ...tls, alpn: tls.alpn.join(', ') },
    will: typed(will, 'will.'),
    properties: typed(properties, 'properties.'),
    reconnect: typed(reconnect, 'reconnect.'),
    secrets: { password: '', keyPassphrase: '', clientKey: '' },
    secretsSet,
    secretsCleared: { password: false, keyPassphrase: false, clientKey: false },
  };
}

/** A new profile, named in the language of `t`; the name is the user's from then on. */
export function newDraft(existingCount: number, t: Translator = translator('en')): ProfileDraft {
  const name = existingCount === 0 ? t('connections.form.defaultFirstName') : t('connections.form.defaultName', { number: existingCount + 1 });
  const fields = { ...defaultProfileFields(), name, clientId: generateClientId() };
  return draftFromFields(fields, crypto.randomUUID(), { password: false, keyPassphrase: false, clientKey: false });
}

export function draftFromProfile(profile: ProfileView): ProfileDraft {
  const { id, secretsSet, ...fields } = profile;
  return draftFromFields(fields, id, secretsSet);
}

/** Switching transport moves the port along only while it still holds a usual port of the old transport. */
export function withTransport(draft: ProfileDraft, transport: Transport): ProfileDraft {
  const portWasUsual = knownPorts[draft.transport].some((port) => String(port) === draft.port.trim());
  return { ...draft, transport, port: portWasUsual ? String(defaultPorts[transport]) : draft.port };
}

const notWhole = 'connections.form.notWhole';

function toNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** Turns typed numbers back into numbers, noting each one that is not a number at all. */
function numbers<T extends object>(draft: T, prefix: string, optional: boolean, errors: FieldErrors): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (typeof value !== 'string' || !isNumericKey(prefix, key)) {
      result[key] = value;
      continue;
    }
    if (optional && value.trim() === '') {
      result[key] = null;
      continue;
    }
    const number = toNumber(value);
    if (Number.isNaN(number)) errors[`${prefix}${key}`] = notWhole;
    result[key] = Number.isNaN(number) ? 0 : number;
  }
  return result;
}

const numericKeys: Record<string, readonly string[]> = {
  '': ['port', 'keepalive', 'connectTimeoutSeconds'],
  'will.': ['delayInterval', 'messageExpiry'],
  'properties.': ['sessionExpiryInterval', 'receiveMaximum', 'maximumPacketSize', 'topicAliasMaximum'],
  'reconnect.': ['initialDelayMs', 'maxDelayMs', 'jitterPercent', 'maxAttempts'],
};

function isNumericKey(prefix: string, key: string): boolean {
  return numericKeys[prefix]?.includes(key) ?? false;
}

function secretInput(draft: ProfileDraft, name: SecretName): string | undefined {
  const typedValue = draft.secrets[name];
  if (typedValue !== '') return typedValue;
  if (draft.secretsCleared[name]) return '';
  // Untouched on a profile that has the secret: keep the stored one.
  return draft.secretsSet[name] ? undefined : '';
}

/** Empty rows the user added and never filled in are not errors; they are dropped. */
function filledPairs(pairs: readonly KeyValue[]): KeyValue[] {
  return pairs.filter((pair) => pair.key.trim() !== '' || pair.value !== '');
}

/** The problems in words: catalogue keys in the language of `t`, other text as it is. */
export function wordErrors(t: Translator, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([path, problem]) => [path, isMessageKey(problem) ? t(problem) : problem]));
}

/** Checks a draft and words each problem in the language of `t` (English by default). */
export function validateDraft(draft: ProfileDraft, t: Translator = translator('en')): { ok: true; profile: ProfileInput } | { ok: false; errors: FieldErrors } {
  const checked = checkDraft(draft);
  return checked.ok ? checked : { ok: false, errors: wordErrors(t, checked.errors) };
}

/** Checks a draft with the same schema the main process applies, and keys each problem (unworded) by field path. */
export function checkDraft(draft: ProfileDraft): { ok: true; profile: ProfileInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { tls, will, properties, reconnect, secrets: _typed, secretsSet: _set, secretsCleared: _cleared, ...top } = draft;
  const secrets: ProfileInput['secrets'] = {};
  for (const name of ['password', 'keyPassphrase', 'clientKey'] as const) {
    const value = secretInput(draft, name);
    if (value !== undefined) secrets[name] = value;
  }
  const candidate = {
    ...numbers(top, '', false, errors),
    headers: filledPairs(draft.headers),
    tls: { ...tls, alpn: tls.alpn.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '') },
    will: { ...numbers(will, 'will.', true, errors), userProperties: filledPairs(will.userProperties) },
    properties: { ...numbers(properties, 'properties.', true, errors), userProperties: filledPairs(properties.userProperties) },
    reconnect: numbers(reconnect, 'reconnect.', false, errors),
    secrets,
  };
  const parsed = ProfileInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      if (!errors[path]) errors[path] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, profile: parsed.data };
}

/** Reads a chosen file as text: certificates and keys are PEM. */
export async function readPemFile(file: File): Promise<PemFile> {
  return { name: file.name, pem: await file.text() };
}
