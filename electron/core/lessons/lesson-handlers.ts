import { bytesToBase64 } from '../../../shared/payload/preview';
import type { PacketBytes } from '../../../shared/packets/packet-row';
import { exportLesson, parseLessonText } from '../../../shared/lessons/lesson-validation';
import type { Router } from '../../ipc/router';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import { packetBytes } from '../packets/packet-log';
import type { LessonService } from './lesson-service';

/** The Lessons requests: list, load and export lesson files, and drive the open lesson. */
export function registerLessonHandlers(router: Router, lessons: LessonService): void {
  router.handle('lesson.list', () => ({ lessons: lessons.list() }));
  router.handle('lesson.load', ({ text }) => parseLessonText(text, { allLanguages: true }));
  router.handle('lesson.export', ({ source }) => {
    const lesson = lessons.lessonOf(source);
    return { fileName: `${lesson.id}.mqtt-lesson.json`, content: exportLesson(lesson), lesson };
  });
  router.handle('lesson.start', ({ source, target, speed }) => lessons.start(source, target, speed));
  router.handle('lesson.next', async () => {
    await lessons.current().next();
    return lessons.state();
  });
  router.handle('lesson.play', async () => {
    await lessons.current().play();
    return lessons.state();
  });
  router.handle('lesson.restart', async ({ step }) => {
    await lessons.current().restartFrom(step);
    return lessons.state();
  });
  router.handle('lesson.tryIt', async ({ step, button }) => {
    const results = await lessons.current().tryIt(step, button);
    return { results, state: lessons.state() };
  });
  router.handle('lesson.speed', async ({ speed }) => {
    await lessons.current().setSpeed(speed);
    return lessons.state();
  });
  router.handle('lesson.stop', async () => {
    await lessons.stop();
    return {};
  });
  router.handle('lesson.state', () => lessons.view());
  router.handle('lesson.trace', ({ fromIndex, limit }) => {
    const run = lessons.current();
    const trace = run.traceNow();
    return { runId: run.runId, packets: trace.packets.slice(fromIndex, fromIndex + limit), events: [...trace.events], total: trace.packets.length };
  });
  router.handle('lesson.packet', ({ index }): PacketBytes => {
    const run = lessons.current();
    const packet = run.traceNow().packets[index];
    if (!packet) throw new AppError('not_found', msg('lessons.error.noPacket', { index: String(index) }));
    if (packet.ref.source === 'lesson-broker') {
      const frame = run.brokerFrame(packet.ref.seq);
      if (!frame) throw new AppError('not_found', msg('lessons.error.brokerLogGone', { seq: String(packet.ref.seq) }));
      return { bytesBase64: bytesToBase64(frame.bytes), protocolVersion: frame.protocolVersion, reEncoded: false };
    }
    const entry = run.connection(packet.ref.connectionId)?.packets.get(packet.ref.seq);
    if (!entry) throw new AppError('not_found', msg('lessons.error.actorLogGone', { seq: String(packet.ref.seq) }));
    const { bytes, reEncoded } = packetBytes(entry.tapped, entry.protocolVersion);
    return { bytesBase64: bytesToBase64(bytes), protocolVersion: entry.protocolVersion, reEncoded };
  });
}
