import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/app-error';
import { Router } from '../../electron/ipc/router';
import { createCore } from '../../electron/core/app-core';
import { profileFor } from '../helpers/profiles';

describe('the contract router', () => {
  const core = createCore({ mode: 'web', version: '9.9.9' });

  it('answers a valid request with its value', async () => {
    expect(await core.router.dispatch('app.info', {})).toEqual({ ok: true, value: { mode: 'web', version: '9.9.9' } });
  });

  it('refuses an unknown channel with a typed error', async () => {
    const result = await core.router.dispatch('shell.exec', { command: 'rm -rf /' });
    expect(result).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'There is no request channel named "shell.exec".', text: { key: 'common.error.unknownChannel', params: { channel: '"shell.exec"' } } } });
  });

  it('refuses a channel name inherited from Object.prototype', async () => {
    expect(await core.router.dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it.each([
    ['a missing input', 'connection.connect', undefined],
    ['a wrong type', 'connection.connect', { connectionId: 42 }],
    ['a number out of range', 'message.list', { connectionId: 'x', from: -1, count: 10 }],
    ['a QoS of 3', 'subscription.add', { connectionId: 'x', filter: 'a', qos: 3 }],
  ])('refuses %s as invalid_input before any handler runs', async (_what, channel, input) => {
    const result = await core.router.dispatch(channel, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('names the field and the rule when a topic filter is invalid', async () => {
    const result = await core.router.dispatch('subscription.add', { connectionId: 'x', filter: 'a/#/b', qos: 0 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', field: 'filter', message: 'filter: "#" must be the last level of a filter, but it is at level 2 ("#") of 3.' },
    });
  });

  it('refuses a wildcard topic on publish', async () => {
    const result = await core.router.dispatch('message.publish', { connectionId: 'x', topic: 'a/+', qos: 0, retain: false, payload: '', encoding: 'utf8' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'topic' } });
  });

  it('refuses a profile whose host carries a scheme, naming the nested field', async () => {
    const profile = { ...profileFor(1883), host: 'mqtt://example.com' };
    const result = await core.router.dispatch('connection.save', { profile });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'profile.host',
        message: 'profile.host: Enter the host without a scheme such as mqtt://; choose the transport separately.',
        // The schema's message is a catalogue key, so the form words it in the language on screen.
        text: { key: 'connections.profile.hostScheme' },
      },
    });
  });

  it('refuses a 3.1.1 profile with an empty client id and a persistent session', async () => {
    const profile = { ...profileFor(1883), protocolVersion: 4, clientId: '', clean: false };
    const result = await core.router.dispatch('connection.save', { profile });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'profile.clientId' } });
  });

  it('reports not_found for an unknown connection id', async () => {
    // toMatchObject: the error also carries its catalogue message (text) for the renderer to word.
    expect(await core.router.dispatch('connection.connect', { connectionId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no connection with id nope.' },
    });
  });

  it('passes AppError codes through and hides nothing of an unexpected failure', async () => {
    const router = new Router();
    router.handle('app.info', () => {
      throw new AppError('not_connected', 'offline');
    });
    router.handle('connection.list', () => {
      throw new TypeError('boom');
    });
    expect(await router.dispatch('app.info', {})).toEqual({ ok: false, error: { code: 'not_connected', message: 'offline' } });
    const original = console.error;
    console.error = () => undefined;
    try {
      expect(await router.dispatch('connection.list', {})).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error in connection.list: boom', text: { key: 'common.error.internal', params: { channel: 'connection.list', detail: 'boom' } } } });
    } finally {
      console.error = original;
    }
  });

  it('refuses to register a channel twice', () => {
    const router = new Router();
    router.handle('app.info', () => ({ mode: 'web' as const, version: '1' }));
    expect(() => router.handle('app.info', () => ({ mode: 'web' as const, version: '1' }))).toThrow('already registered');
  });
});
