import { useMemo, useState } from 'react';
import { TemplateRun, compileMessage } from '../../../shared/templates/template-run';
import type { RenderedMessage } from '../../../shared/templates/template-run';
import type { Message } from '../../../shared/i18n';

/** Per connection, so the publisher's {{seq}} and walks go on from send to send while the page is left and revisited. */
const runs = new Map<string, { key: string; run: TemplateRun }>();

const chance = { random: Math.random, nowMs: Date.now, uuid: () => crypto.randomUUID() };

export type PublishTemplate =
  | { enabled: false }
  | { enabled: true; ok: true; preview: RenderedMessage; nextSeq: number; take: () => RenderedMessage }
  | { enabled: true; ok: false; field: 'topic' | 'payload'; message: string; text: Message };

/**
 * The publisher's template: the next topic and payload exactly as the next send will carry them, and
 * `take` to send them and move on. Editing the text keeps the numbering (a new walk starts, though).
 */
export function usePublishTemplate(connectionId: string, enabled: boolean, topic: string, payload: string): PublishTemplate {
  const [taken, setTaken] = useState(0);
  return useMemo((): PublishTemplate => {
    if (!enabled) return { enabled: false };
    const compiled = compileMessage(topic, payload);
    if (!compiled.ok) return { enabled: true, ...compiled };
    const key = `${topic}\u0000${payload}`;
    let entry = runs.get(connectionId);
    if (entry?.key !== key) {
      entry = { key, run: new TemplateRun(compiled, chance, 1, entry?.run.nextSeq ?? 1) };
      runs.set(connectionId, entry);
    }
    const { run } = entry;
    const preview = run.peek();
    return {
      enabled: true,
      ok: true,
      preview,
      nextSeq: run.nextSeq,
      take: () => {
        const sent = run.take();
        setTaken((count) => count + 1);
        return sent;
      },
    };
    // taken: after a send, the preview moves on to the next one.
  }, [connectionId, enabled, topic, payload, taken]);
}
