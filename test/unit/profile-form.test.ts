import { describe, expect, it } from 'vitest';
import { defaultProfileFields } from '../../shared/domain/profile';
import { draftFromProfile, generateClientId, newDraft, validateDraft, withTransport } from '../../renderer/features/connections/profile-form';
import type { ProfileDraft } from '../../renderer/features/connections/profile-form';

function edited(change: (draft: ProfileDraft) => void): ProfileDraft {
  const draft = newDraft(0);
  change(draft);
  return draft;
}

describe('the connection form', () => {
  it('produces a valid profile from its defaults', () => {
    const result = validateDraft(newDraft(0));
    expect(result.ok).toBe(true);
  });

  it('fills in the default port of each transport, but keeps a port the user typed', () => {
    const draft = newDraft(0);
    expect(withTransport(draft, 'ws').port).toBe('8083');
    expect(withTransport(draft, 'mqtts').port).toBe('8883');
    expect(withTransport(draft, 'wss').port).toBe('8084');
    expect(withTransport(withTransport(draft, 'mqtts'), 'mqtt').port).toBe('1883');
    // 8080 and 8443 are the other usual WebSocket ports: still a "default", so it moves along.
    expect(withTransport({ ...draft, transport: 'ws', port: '8080' }, 'wss').port).toBe('8084');
    expect(withTransport({ ...draft, port: '1999' }, 'ws').port).toBe('1999');
  });

  it('keys each problem by field path, in words', () => {
    const result = validateDraft({ ...newDraft(0), name: ' ', host: 'mqtt://x', port: '80a', keepalive: '-1' });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Give the connection a name.',
        host: 'Enter the host without a scheme such as mqtt://; choose the transport separately.',
        port: 'Enter a whole number.',
        keepalive: 'Enter a whole number.',
      },
    });
    expect(validateDraft({ ...newDraft(0), port: '70000' })).toEqual({ ok: false, errors: { port: 'The port must be between 1 and 65535.' } });
  });

  it('refuses a will topic with a wildcard, and an empty client id for a persistent 3.1.1 session', () => {
    const will = validateDraft(edited((draft) => Object.assign(draft.will, { enabled: true, topic: 'devices/+/status' })));
    expect(will.ok ? undefined : will.errors['will.topic']).toMatch(/wildcards/);
    const session = validateDraft(edited((draft) => Object.assign(draft, { protocolVersion: 4, clientId: '', clean: false })));
    expect(session.ok ? undefined : session.errors.clientId).toMatch(/needs a client id when clean session is off/);
    const v31 = validateDraft(edited((draft) => Object.assign(draft, { protocolVersion: 3, clientId: 'x'.repeat(24) })));
    expect(v31.ok ? undefined : v31.errors.clientId).toBe('MQTT 3.1 needs a client id of 1 to 23 characters.');
  });

  it('turns blank MQTT 5 properties into "not sent" and typed ones into numbers', () => {
    const result = validateDraft(edited((draft) => Object.assign(draft.properties, { sessionExpiryInterval: '3600', receiveMaximum: '' })));
    expect(result.ok && result.profile.properties.sessionExpiryInterval).toBe(3600);
    expect(result.ok && result.profile.properties.receiveMaximum).toBeNull();
    const bad = validateDraft(edited((draft) => Object.assign(draft.properties, { receiveMaximum: '0' })));
    expect(bad.ok ? undefined : bad.errors['properties.receiveMaximum']).toBe('Receive maximum must be between 1 and 65535.');
  });

  it('drops empty key/value rows and refuses a header name with a space', () => {
    const result = validateDraft(edited((draft) => (draft.properties.userProperties = [{ key: '', value: '' }, { key: 'site', value: 'lab' }])));
    expect(result.ok && result.profile.properties.userProperties).toEqual([{ key: 'site', value: 'lab' }]);
    const header = validateDraft(edited((draft) => (draft.headers = [{ key: 'X Token', value: 'a' }])));
    expect(header.ok ? undefined : header.errors['headers.0.key']).toMatch(/header name/);
  });

  it('needs the key with a client certificate', () => {
    const result = validateDraft(edited((draft) => Object.assign(draft, { transport: 'mqtts', tls: { ...draft.tls, cert: { name: 'c.pem', pem: '-----BEGIN CERTIFICATE-----' } } })));
    expect(result.ok ? undefined : result.errors['tls.keyName']).toMatch(/needs its private key/);
  });

  it('keeps a stored secret when its field is left empty, and clears it only on request', () => {
    const stored = draftFromProfile({ ...defaultProfileFields(), id: 'p', secretsSet: { password: true, keyPassphrase: false, clientKey: false } });
    const kept = validateDraft(stored);
    expect(kept.ok && kept.profile.secrets).toEqual({ keyPassphrase: '', clientKey: '' });
    const cleared = validateDraft({ ...stored, secretsCleared: { ...stored.secretsCleared, password: true } });
    expect(cleared.ok && cleared.profile.secrets.password).toBe('');
    const typed = validateDraft({ ...stored, secrets: { ...stored.secrets, password: 'new' } });
    expect(typed.ok && typed.profile.secrets.password).toBe('new');
  });

  it('generates distinct client ids', () => {
    const ids = new Set(Array.from({ length: 50 }, generateClientId));
    expect(ids.size).toBe(50);
    expect([...ids][0]).toMatch(/^mqtt-lab-[0-9a-f]{8}$/);
  });
});
