/** The payload area's sentences. Keys start with "payload."; zh-CN/payload.ts must hold the same keys. */
export const payload = {
  'payload.encode.noMapping': 'No Protobuf mapping of this connection matches the topic {topic}; add one in the connection\'\'s Protobuf section.',
  'payload.encode.notJson': 'The payload is not JSON: {detail}',
  'payload.protobuf.noType': 'No message type {name} in the .proto files.',
  'payload.protobuf.parseFailed': '{file}: {detail}',
  'payload.protobuf.tooDeep': '{file}: declarations, names or option values nested too deeply (more than 32 levels) are refused',
  'payload.protobuf.tooMany': 'The files declare more than {types} message types or {fields} fields; that is refused.',
  'payload.protobuf.unresolved': 'The files do not resolve: {detail}',
  'payload.view.hexNote': '{count} bytes, 16 per line; offsets in hex.',
  'payload.view.notUtf8': 'Not JSON: the payload is not valid UTF-8 ({count, plural, one {# invalid sequence} other {# invalid sequences}}; the Text view shows where).',
  'payload.view.controls': 'Not JSON: the payload contains control characters.',
  'payload.view.notParsed': 'Not JSON: the payload does not parse as JSON.',
  'payload.view.notFormat': 'Not {format}: {detail}.',
  'payload.view.decodedNote': 'Shown as JSON: byte strings as \'{"$bytes": hex}\', tags as \'{"$tag", "value"}\', extensions as \'{"$ext", "data"}\', large integers as \'{"$bigint"}\'.',
  'payload.text.controls': '{count, plural, one {# control or invisible character} other {# control or invisible characters}} shown as symbols such as ␀ (NUL) or ⟨U+202E⟩.',
  'payload.text.invalid': '{count, plural, one {# invalid UTF-8 sequence, each shown as �, at byte offset} other {# invalid UTF-8 sequences, each shown as �, at byte offsets}} {offsets}{more}.',
  'payload.text.more': ' and {count} more',
} satisfies Record<string, string>;
