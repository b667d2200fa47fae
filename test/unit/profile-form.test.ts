import { describe, expect, it } from 'vitest';
import { generateClientId, newDraft, validateDraft, withTransport } from '../../renderer/features/connections/profile-form';

describe('the connection form', () => {
  it('produces a valid profile from its defaults', () => {
    const result = validateDraft(newDraft(0));
    expect(result.ok).toBe(true);
  });

  it('moves a default port along with the transport, but keeps a port the user typed', () => {
    const draft = newDraft(0);
    expect(withTransport(draft, 'ws').port).toBe('8083');
    expect(withTransport({ ...draft, port: '1999' }, 'ws').port).toBe('1999');
  });

  it('keys each problem by field, in words', () => {
    const result = validateDraft({ ...newDraft(0), name: ' ', host: 'mqtt://x', port: '80a', keepalive: '-1' });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Give the connection a name.',
        host: 'Enter the host without a scheme such as mqtt://; choose the transport separately.',
        port: 'The port must be a whole number between 1 and 65535.',
        keepalive: 'Keepalive must be a whole number of seconds (0 turns it off).',
      },
    });
    expect(validateDraft({ ...newDraft(0), port: '70000' })).toEqual({ ok: false, errors: { port: 'The port must be between 1 and 65535.' } });
  });

  it('keeps a stored password when the field is left empty', () => {
    const result = validateDraft({ ...newDraft(0), passwordSet: true, password: '' });
    expect(result.ok && result.profile.password).toBeUndefined();
    const cleared = validateDraft({ ...newDraft(0), passwordSet: false, password: '' });
    expect(cleared.ok && cleared.profile.password).toBe('');
  });

  it('generates distinct client ids', () => {
    const ids = new Set(Array.from({ length: 50 }, generateClientId));
    expect(ids.size).toBe(50);
    expect([...ids][0]).toMatch(/^mqtt-lab-[0-9a-f]{8}$/);
  });
});
