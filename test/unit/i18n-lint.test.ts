import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'build', 'eslint.config.mjs') });

async function problemsIn(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, 'renderer', 'features', 'example', 'Example.tsx') });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${source.split('\n')[message.line - 1]?.trim()}`);
}

describe('the i18n lint (npm run lint)', () => {
  it('fails on text written in JSX, and on the attributes a person reads or a screen reader speaks', async () => {
    const problems = await problemsIn(
      [
        'export function Example() {',
        '  return (',
        '    <section aria-label="Broker settings">',
        '      <h2>Built-in broker</h2>',
        '      <input placeholder="Port" title="The MQTT port" />',
        '      <img alt="A diagram" src="x.png" />',
        '    </section>',
        '  );',
        '}',
      ].join('\n'),
    );
    expect(problems).toEqual([
      'i18next/no-literal-string: <section aria-label="Broker settings">',
      'i18next/no-literal-string: <h2>Built-in broker</h2>',
      'i18next/no-literal-string: <input placeholder="Port" title="The MQTT port" />',
      'i18next/no-literal-string: <input placeholder="Port" title="The MQTT port" />',
      'i18next/no-literal-string: <img alt="A diagram" src="x.png" />',
    ]);
  });

  it('lets through text from the catalogue, and symbols, numbers and protocol names that read the same in every language', async () => {
    const problems = await problemsIn(
      [
        "import { useT } from '../../i18n/use-t';",
        'export function Example({ count }: { count: number }) {',
        '  const t = useT();',
        '  return (',
        "    <section aria-label={t('broker.page.title')} className=\"broker-page\">",
        "      <h2>{t('broker.page.title')}</h2>",
        '      <span>{count} ×</span> <span>→</span> <code>QoS</code> <code>MQTT</code>',
        '    </section>',
        '  );',
        '}',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });
});
