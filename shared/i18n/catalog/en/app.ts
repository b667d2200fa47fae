/** The app shell: header, language and theme switches, banners. */
export const app = {
  'app.title': 'MQTT Lab',
  'app.mode.web': 'web mode',
  'app.mode.desktop': 'desktop',
  'app.modeBadge': '{mode} · v{version}',
  'app.theme.toLight': 'Switch to light theme',
  'app.theme.toDark': 'Switch to dark theme',
  'app.theme.light': '☀ Light',
  'app.theme.dark': '☾ Dark',
  'app.language.label': 'Language',
  'app.notice.dismiss': 'Dismiss',
} satisfies Record<string, string>;
