import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Copies a recording with its message lines edited, to make a second run that differs on purpose:
 * `edit` gets each message's payload as text and its 0-based index among the messages, and returns
 * 'drop' to leave it out, a new payload, or undefined to keep it.
 */
export function editedRecordingCopy(source: string, target: string, edit: (payload: string, index: number) => 'drop' | string | undefined): void {
  let index = -1;
  const lines = readFileSync(source, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.includes('"type":"message"')) return [line];
      index++;
      const record = JSON.parse(line) as { payload: string };
      const decision = edit(Buffer.from(record.payload, 'base64').toString(), index);
      if (decision === 'drop') return [];
      if (decision !== undefined) record.payload = Buffer.from(decision).toString('base64');
      return [JSON.stringify(record)];
    });
  writeFileSync(target, lines.join('\n'));
}
