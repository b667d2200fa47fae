import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppSettings, defaultAppSettings } from '../../../shared/domain/settings';
import { AppError } from '../app-error';
import { isMessageKey, msg } from '../../../shared/i18n';
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';
import { WriteQueue, errorCode, moveAside, writeFileAtomically } from '../storage/atomic-file';

export const settingsFileName = 'settings.json';
const settingsFormat = 'mqtt-lab.settings';
const settingsVersion = 1;

/**
 * settings.json beside profiles.json: the app-wide preferences. Like the other files it is written
 * atomically, and one that cannot be read is moved aside with a notice rather than overwritten.
 */
export class SettingsFile {
  readonly path: string;
  /** The notices in English (logs, tests), and as messages for the renderer to word. */
  readonly notices: string[] = [];
  readonly noticeTexts: NestedMessage[] = [];
  private readonly writes = new WriteQueue();

  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = join(dataDir, settingsFileName);
  }

  load(): AppSettings {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') this.notice(nested('connections.settings.unreadable', { path: this.path, code: errorCode(error) }));
      return defaultAppSettings;
    }
    const problem = this.problemWith(text);
    if (!('key' in problem)) return problem;
    let aside: string;
    try {
      aside = moveAside(this.path, this.now());
    } catch (error) {
      this.notice(nested('connections.settings.notMoved', { code: errorCode(error) }, { problem }));
      return defaultAppSettings;
    }
    this.notice(nested('connections.settings.movedAside', { aside }, { problem }));
    return defaultAppSettings;
  }

  write(settings: AppSettings): Promise<void> {
    const content = `${JSON.stringify({ format: settingsFormat, version: settingsVersion, settings }, null, 2)}\n`;
    return this.writes.run(async () => {
      try {
        await writeFileAtomically(this.path, content);
      } catch (error) {
        throw new AppError('storage_error', msg('connections.settings.saveFailed', { path: this.path, code: errorCode(error) }));
      }
    });
  }

  private notice(text: NestedMessage): void {
    this.noticeTexts.push(text);
    this.notices.push(englishNested(text));
  }

  private problemWith(text: string): AppSettings | NestedMessage {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return nested('connections.settings.notJson', { path: this.path });
    }
    const envelope = z.object({ format: z.literal(settingsFormat), version: z.number().int(), settings: z.unknown() }).safeParse(document);
    if (!envelope.success) return nested('connections.settings.notSettings', { path: this.path });
    if (envelope.data.version > settingsVersion) return nested('connections.settings.newer', { path: this.path, version: envelope.data.version });
    const settings = AppSettings.safeParse(envelope.data.settings);
    if (!settings.success) {
      // The schema's messages are catalogue keys; the notice names the value's problem as a nested message.
      const issue = settings.error.issues[0]?.message;
      const detail = issue === undefined ? nested('connections.settings.unknownProblem') : isMessageKey(issue) ? nested(issue) : nested('connections.error.raw', { text: issue });
      return nested('connections.settings.invalid', { path: this.path }, { detail });
    }
    return settings.data;
  }
}
