/** The payload area's sentences. Keys start with "payload."; zh-CN/payload.ts must hold the same keys. */
export const payload = {
  'payload.encode.noMapping': 'No Protobuf mapping of this connection matches the topic {topic}; add one in the connection\'\'s Protobuf section.',
  'payload.encode.notJson': 'The payload is not JSON: {detail}',
  'payload.protobuf.noType': 'No message type {name} in the .proto files.',
  'payload.protobuf.parseFailed': '{file}: {detail}',
  'payload.protobuf.tooDeep': '{file}: declarations, names or option values nested too deeply (more than 32 levels) are refused',
  'payload.protobuf.tooMany': 'The files declare more than {types} message types or {fields} fields; that is refused.',
  'payload.protobuf.unresolved': 'The files do not resolve: {detail}',
} satisfies Record<string, string>;
