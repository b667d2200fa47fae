import type { app as en } from '../en/app';

export const app: Record<keyof typeof en, string> = {
  'app.title': 'MQTT Lab',
  'app.mode.web': '网页模式',
  'app.mode.desktop': '桌面版',
  'app.modeBadge': '{mode} · v{version}',
  'app.theme.toLight': '切换到浅色主题',
  'app.theme.toDark': '切换到深色主题',
  'app.theme.light': '☀ 浅色',
  'app.theme.dark': '☾ 深色',
  'app.language.label': '语言',
  'app.notice.dismiss': '关闭',
};
