import { describe, expect, it } from 'vitest';
import { parseLaunchArgs } from '../../electron/launch-args';
import { translator } from '../../shared/i18n';

describe('npm start speaks the language of LANG', () => {
  it('refuses an unknown option in Chinese, with the usage in Chinese', () => {
    expect(() => parseLaunchArgs(['--colour'], translator('zh-CN'))).toThrow(/^未知选项“--colour”。\n\n用法：npm start -- \[--web\]/);
  });

  it('keeps English when no language is given, word for word as before', () => {
    expect(() => parseLaunchArgs(['--port', 'x'])).toThrow('--port needs a whole number from 0 to 65535, not "x".');
    expect(() => parseLaunchArgs(['--port', 'x'], translator('zh-CN'))).toThrow('--port 需要 0 到 65535 之间的整数，而不是“x”。');
  });
});
