import { describe, expect, it } from 'vitest';
import { catalogs, locales, localeFromEnv, matchLocale, translator } from '../../shared/i18n';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

describe('the catalogues', () => {
  it('hold exactly the same keys in every language', () => {
    const english = Object.keys(catalogs.en).sort();
    for (const locale of locales) {
      const keys = Object.keys(catalogs[locale]).sort();
      expect({ locale, missing: english.filter((k) => !keys.includes(k)), extra: keys.filter((k) => !english.includes(k)) }).toEqual({ locale, missing: [], extra: [] });
    }
  });

  it('have no empty sentence, and each sentence parses as ICU with the same placeholders as its English twin', () => {
    const problems: string[] = [];
    for (const [key, source] of Object.entries(catalogs.en)) {
      const expected = [...argumentsOf(parse(source))].sort();
      for (const locale of locales) {
        const text = catalogs[locale][key as keyof typeof catalogs.en];
        if (!text.trim()) problems.push(`${locale} ${key}: empty`);
        let names: string[];
        try {
          names = [...argumentsOf(parse(text))].sort();
        } catch (error) {
          problems.push(`${locale} ${key}: ${(error as Error).message}`);
          continue;
        }
        if (names.join() !== expected.join()) problems.push(`${locale} ${key}: placeholders ${names.join() || '(none)'} but English has ${expected.join() || '(none)'}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keep every key under its area prefix, so a key says where it is used', () => {
    const stray = Object.keys(catalogs.en).filter((key) => !/^[a-z][a-zA-Z]*\.[\w.-]+$/.test(key));
    expect(stray).toEqual([]);
  });
});

describe('plurals, numbers and durations', () => {
  it('word counts in English with one/other and grouping', () => {
    const t = translator('en');
    expect(t('common.messages', { count: 1 })).toBe('1 message');
    expect(t('common.messages', { count: 12345 })).toBe('12,345 messages');
    expect(t('common.messages', { count: 0 })).toBe('0 messages');
  });

  it('word counts in Chinese with its one plural form and a measure word', () => {
    const t = translator('zh-CN');
    expect(t('common.messages', { count: 1 })).toBe('1 条消息');
    expect(t('common.messages', { count: 3 })).toBe('3 条消息');
    expect(t('common.messages', { count: 12345 })).toBe('12,345 条消息');
  });

  it('formats numbers, dates and durations by locale', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    expect(en.number(1234567.5)).toBe('1,234,567.5');
    expect(zh.number(1234567.5)).toBe('1,234,567.5');
    expect(en.number(0.25, { style: 'percent' })).toBe('25%');
    const when = Date.UTC(2026, 11, 7, 9, 5, 3);
    expect(en.date(when, { dateStyle: 'medium', timeZone: 'UTC' })).toBe('Dec 7, 2026');
    expect(zh.date(when, { dateStyle: 'medium', timeZone: 'UTC' })).toBe('2026年12月7日');
    expect(en.duration(850)).toBe('850 ms');
    expect(en.duration(1250)).toBe('1.3 s');
    expect(zh.duration(850)).toBe('850 毫秒');
    expect(zh.duration(90_000)).toBe('1.5 分钟');
  });

  it('words a core message by key, and falls back to the English text for a key it does not know', () => {
    const zh = translator('zh-CN');
    expect(zh.msg({ key: 'common.error.unknownChannel', params: { channel: 'x.y' } })).toBe('没有名为 x.y 的请求通道。');
    expect(zh.msg({ key: 'future.key' }, 'Something new')).toBe('Something new');
  });
});

describe('choosing the language', () => {
  it('follows the first supported tag in order of preference', () => {
    expect(matchLocale(['fr-FR', 'zh-CN', 'en-US'])).toBe('zh-CN');
    expect(matchLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(matchLocale(['zh-Hans-CN'])).toBe('zh-CN');
    expect(matchLocale(['de', undefined, ''])).toBe('en');
    expect(matchLocale([])).toBe('en');
  });

  it('reads LC_ALL, then LC_MESSAGES, then LANG, as POSIX does', () => {
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({})).toBe('en');
  });
});
