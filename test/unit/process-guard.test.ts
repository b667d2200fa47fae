import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { describeFailure, installProcessGuard } from '../../electron/process-guard';

function guarded(policy: 'survive' | 'exit') {
  const target = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  const remove = installProcessGuard({ name: 'web mode', policy, target, log: (text) => lines.push(text), exit: (code) => void exits.push(code) });
  return { target, lines, exits, remove };
}

describe('the process guard', () => {
  it('logs an uncaught exception with its stack and keeps the app running', () => {
    const { target, lines, exits } = guarded('survive');
    const error = new TypeError("Cannot read properties of null (reading 'set')");
    target.emit('uncaughtException', error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[web mode\] uncaught exception \(kept running\): TypeError: Cannot read properties of null \(reading 'set'\)\n {4}at /);
    expect(exits).toEqual([]);
  });

  it('logs an unhandled rejection whatever was rejected, and keeps the app running', () => {
    const { target, lines, exits } = guarded('survive');
    target.emit('unhandledRejection', { code: 'EPIPE' });
    target.emit('unhandledRejection', undefined);
    expect(lines).toEqual(['[web mode] unhandled promise rejection (kept running): {"code":"EPIPE"}', '[web mode] unhandled promise rejection (kept running): undefined']);
    expect(exits).toEqual([]);
  });

  it('makes the CLI print the failure and exit 1 rather than hang', () => {
    const { target, lines, exits } = guarded('exit');
    target.emit('unhandledRejection', new Error('store closed'));
    expect(lines[0]).toMatch(/^\[web mode\] unhandled promise rejection \(exiting with code 1\): Error: store closed\n/);
    expect(exits).toEqual([1]);
  });

  it('removes its handlers when asked', () => {
    const { target, remove } = guarded('survive');
    expect(target.listenerCount('uncaughtException')).toBe(1);
    remove();
    expect(target.listenerCount('uncaughtException')).toBe(0);
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });

  it('describes what cannot be turned into JSON', () => {
    const circular: { self?: unknown } = {};
    circular.self = circular;
    expect(describeFailure(circular)).toBe('[object Object]');
    expect(describeFailure(10n)).toBe('10');
  });
});
