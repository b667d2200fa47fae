import { z } from 'zod';
import { checkTopicFilter } from '../mqtt/topics';

/** Bounds on what a profile may hold, so a hostile or mistaken upload cannot stall parsing or bloat the profile file. */
export const MAX_PROTO_FILE_CHARS = 512 * 1024;
export const MAX_PROTO_FILES = 32;
export const MAX_PROTO_TOTAL_CHARS = 2 * 1024 * 1024;
export const MAX_PROTO_MAPPINGS = 200;

export const ProtoFile = z.object({
  name: z.string().trim().min(1).max(500),
  source: z.string().max(MAX_PROTO_FILE_CHARS, `A .proto file is at most ${MAX_PROTO_FILE_CHARS / 1024} KB here.`),
});
export type ProtoFile = z.infer<typeof ProtoFile>;

export const ProtobufMapping = z.object({
  filter: z.string().superRefine((filter, context) => {
    const check = checkTopicFilter(filter);
    if (!check.ok) context.addIssue({ code: 'custom', message: check.message });
  }),
  /** A fully qualified message type, such as acme.Reading. */
  type: z
    .string()
    .trim()
    .min(1, 'Name a message type.')
    .max(500)
    .regex(/^\.?[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/, 'A message type is a dotted name such as acme.Reading.'),
});
export type ProtobufMapping = z.infer<typeof ProtobufMapping>;

/** The .proto files of a connection and which topics carry which message type; the first matching filter wins. */
export const ProtobufSettings = z.object({
  files: z
    .array(ProtoFile)
    .max(MAX_PROTO_FILES, `At most ${MAX_PROTO_FILES} .proto files.`)
    .refine((files) => files.reduce((sum, file) => sum + file.source.length, 0) <= MAX_PROTO_TOTAL_CHARS, `The .proto files together are at most ${MAX_PROTO_TOTAL_CHARS / 1024 / 1024} MB here.`),
  mappings: z.array(ProtobufMapping).max(MAX_PROTO_MAPPINGS, `At most ${MAX_PROTO_MAPPINGS} mappings.`),
});
export type ProtobufSettings = z.infer<typeof ProtobufSettings>;
