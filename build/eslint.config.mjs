// The i18n lint: no user-visible text may be written in JSX outside the catalogues (shared/i18n/catalog).
// Babel parses the TSX because typescript-eslint does not yet accept TypeScript 7, which this project uses.
import babelParser from '@babel/eslint-parser';
import i18next from 'eslint-plugin-i18next';

export default [
  {
    files: ['renderer/**/*.tsx'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: { babelrc: false, configFile: false, presets: ['@babel/preset-typescript', ['@babel/preset-react', { runtime: 'automatic' }]] },
      },
    },
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          // JSX text and the attributes a person reads or a screen reader speaks.
          mode: 'jsx-only',
          'jsx-attributes': { include: ['^aria-label$', '^aria-description$', '^aria-roledescription$', '^aria-valuetext$', '^title$', '^placeholder$', '^alt$', '^label$', '^summary$'] },
          // Symbols, numbers and units that read the same in every language (×, →, %, MQTT, QoS 0…) are not sentences.
          // (The plugin builds its patterns without the u flag, so the symbols are listed rather than \p{S}.)
          words: { exclude: ['^[\\s\\d.,:;!?%()\\[\\]{}<>+\\-*/=#|&@\'"·…×÷±→←↑↓↔⇄▾▸▴▲▼▶◀✓✗✕☀☾●○•—–§¶]*$', '^(MQTT|QoS|TLS|ID|URL|JSON|CSV|PNG|SVG|UTF-8|hex|base64|ms|s|B|KB|MB|GB|v\\d[\\w.]*|\\d+(\\.\\d+)?)$'] },
          message: 'User-visible text belongs in shared/i18n/catalog (en and zh-CN); use t("area.key") from useT().',
        },
      ],
    },
  },
];
