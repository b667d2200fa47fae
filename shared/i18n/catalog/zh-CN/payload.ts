import type { payload as en } from '../en/payload';

export const payload: Record<keyof typeof en, string> = {
  'payload.encode.noMapping': '此连接没有与主题 {topic} 匹配的 Protobuf 映射；请在连接的 Protobuf 部分添加一个。',
  'payload.encode.notJson': '载荷不是 JSON：{detail}',
  'payload.protobuf.noType': '.proto 文件中没有消息类型 {name}。',
  'payload.protobuf.parseFailed': '{file}：{detail}',
  'payload.protobuf.tooDeep': '{file}：声明、名称或选项值嵌套过深（超过 32 层），已拒绝',
  'payload.protobuf.tooMany': '这些文件声明了超过 {types} 个消息类型或 {fields} 个字段，已拒绝。',
  'payload.protobuf.unresolved': '这些文件无法解析引用：{detail}',
  'payload.view.hexNote': '{count} 字节，每行 16 个；偏移量为十六进制。',
  'payload.view.notUtf8': '不是 JSON：载荷不是有效的 UTF-8（{count, plural, other {# 个无效序列}}；文本视图会显示其位置）。',
  'payload.view.controls': '不是 JSON：载荷包含控制字符。',
  'payload.view.notParsed': '不是 JSON：载荷无法解析为 JSON。',
  'payload.view.notFormat': '不是 {format}：{detail}。',
  'payload.view.decodedNote': '以 JSON 显示：字节串为 \'{"$bytes": hex}\'，标签为 \'{"$tag", "value"}\'，扩展为 \'{"$ext", "data"}\'，大整数为 \'{"$bigint"}\'。',
  'payload.text.controls': '{count, plural, other {# 个控制字符或不可见字符}}以符号显示，例如 ␀（NUL）或 ⟨U+202E⟩。',
  'payload.text.invalid': '{count, plural, other {# 个无效 UTF-8 序列}}，均显示为 �，位于字节偏移 {offsets}{more}。',
  'payload.text.more': '，另有 {count} 个',
};
