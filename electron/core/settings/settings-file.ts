import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppSettings, defaultAppSettings } from '../../../shared/domain/settings';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
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
  readonly notices: string[] = [];
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
      if (errorCode(error) !== 'ENOENT') this.notices.push(`The settings could not be read from ${this.path} (${errorCode(error)}); the defaults are used.`);
      return defaultAppSettings;
    }
    const problem = this.problemWith(text);
    if (typeof problem !== 'string') return problem;
    let aside: string;
    try {
      aside = moveAside(this.path, this.now());
    } catch (error) {
      this.notices.push(`The settings could not be loaded: ${problem}, and it could not be moved aside (${errorCode(error)}). The defaults are used.`);
      return defaultAppSettings;
    }
    this.notices.push(`The settings could not be loaded: ${problem}. It was moved to ${aside}, and the defaults are used.`);
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

  private problemWith(text: string): AppSettings | string {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return `${this.path} is not complete JSON`;
    }
    const envelope = z.object({ format: z.literal(settingsFormat), version: z.number().int(), settings: z.unknown() }).safeParse(document);
    if (!envelope.success) return `${this.path} is not an MQTT Lab settings file`;
    if (envelope.data.version > settingsVersion) return `${this.path} was written by a newer MQTT Lab (format version ${envelope.data.version})`;
    const settings = AppSettings.safeParse(envelope.data.settings);
    if (!settings.success) return `${this.path} has invalid values (${settings.error.issues[0]?.message ?? 'unknown problem'})`;
    return settings.data;
  }
}
