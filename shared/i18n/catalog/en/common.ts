/** Words many areas share: counts, durations, generic errors. */
export const common = {
  'common.messages': '{count, plural, one {# message} other {# messages}}',
  'common.duration.ms': '{value, number} ms',
  'common.duration.s': '{value, number, ::.# } s',
  'common.duration.min': '{value, number, ::.# } min',
  'common.error.internal': 'Internal error in {channel}: {detail}',
  'common.error.unknownChannel': 'There is no request channel named {channel}.',
  'common.error.noHandler': 'The request channel {channel} has no handler.',
  'common.error.malformed': 'The request is malformed.',
  'common.error.invalidField': '{field}: {detail}',
  'common.error.windowOnly': 'Requests are accepted only from the MQTT Lab window.',
} satisfies Record<string, string>;
