import type { common as en } from '../en/common';

export const common: Record<keyof typeof en, string> = {
  'common.messages': '{count, plural, other {# 条消息}}',
  'common.duration.ms': '{value, number} 毫秒',
  'common.duration.s': '{value, number, ::.# } 秒',
  'common.duration.min': '{value, number, ::.# } 分钟',
  'common.error.internal': '{channel} 内部错误：{detail}',
  'common.error.unknownChannel': '没有名为 {channel} 的请求通道。',
  'common.error.noHandler': '请求通道 {channel} 没有处理程序。',
  'common.error.malformed': '请求格式不正确。',
  'common.error.invalidField': '{field}：{detail}',
  'common.error.windowOnly': '只接受来自 MQTT Lab 窗口的请求。',
};
