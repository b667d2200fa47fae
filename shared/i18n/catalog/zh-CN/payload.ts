import type { payload as en } from '../en/payload';

export const payload: Record<keyof typeof en, string> = {
  'payload.encode.noMapping': '此连接没有与主题 {topic} 匹配的 Protobuf 映射；请在连接的 Protobuf 部分添加一个。',
  'payload.encode.notJson': '载荷不是 JSON：{detail}',
  'payload.protobuf.noType': '.proto 文件中没有消息类型 {name}。',
  'payload.protobuf.parseFailed': '{file}：{detail}',
  'payload.protobuf.tooDeep': '{file}：声明、名称或选项值嵌套过深（超过 32 层），已拒绝',
  'payload.protobuf.tooMany': '这些文件声明了超过 {types} 个消息类型或 {fields} 个字段，已拒绝。',
  'payload.protobuf.unresolved': '这些文件无法解析引用：{detail}',
};
