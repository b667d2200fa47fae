import { describe, expect, it } from 'vitest';
import { dataDirFromElectronArgv, defaultDataDir, launchUsage, parseLaunchArgs, resolveDataDir } from '../../electron/launch-args';

describe('the --data-dir launch flag', () => {
  it('takes a folder as the next argument or after "="', () => {
    expect(parseLaunchArgs(['--web', '--data-dir', '/srv/lab'])).toEqual({ web: true, port: 0, help: false, dataDir: '/srv/lab' });
    expect(parseLaunchArgs(['--data-dir=relative/dir', '--port', '9000'])).toEqual({ web: false, port: 9000, help: false, dataDir: 'relative/dir' });
  });

  it('is absent unless given', () => {
    expect('dataDir' in parseLaunchArgs(['--web'])).toBe(false);
  });

  it('refuses a missing folder with a message', () => {
    expect(() => parseLaunchArgs(['--data-dir'])).toThrow('--data-dir needs a folder, such as --data-dir ~/mqtt-lab-data.');
    expect(() => parseLaunchArgs(['--data-dir='])).toThrow('--data-dir needs a folder');
    expect(() => parseLaunchArgs(['--data-dir', '--web'])).toThrow('--data-dir needs a folder');
  });

  it('is in the usage text', () => {
    expect(launchUsage).toContain('--data-dir DIR');
  });
});

describe('the data folder', () => {
  it('defaults to $XDG_CONFIG_HOME/mqtt-lab on Linux, else ~/.config/mqtt-lab', () => {
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/home/ada/.cfg' }, home: '/home/ada' })).toBe('/home/ada/.cfg/mqtt-lab');
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ada' })).toBe('/home/ada/.config/mqtt-lab');
    // The XDG spec: a relative value is invalid and ignored.
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'cfg' }, home: '/home/ada' })).toBe('/home/ada/.config/mqtt-lab');
  });

  it('matches the desktop app’s own folder on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/mqtt-lab');
  });

  it('resolves a given folder against the working folder, and expands a quoted ~/', () => {
    const environment = { platform: 'linux', env: {}, home: '/home/ada', cwd: '/work' };
    expect(resolveDataDir('data', environment)).toBe('/work/data');
    expect(resolveDataDir('/abs/data', environment)).toBe('/abs/data');
    expect(resolveDataDir('~/lab', environment)).toBe('/home/ada/lab');
    expect(resolveDataDir(undefined, environment)).toBe('/home/ada/.config/mqtt-lab');
  });

  it('reaches the desktop app as --data-dir=DIR among Chromium switches', () => {
    expect(dataDirFromElectronArgv(['/x/electron', '/app', '--no-sandbox', '--data-dir=/srv/lab'])).toBe('/srv/lab');
    expect(dataDirFromElectronArgv(['/x/electron', '/app'])).toBeUndefined();
  });
});
