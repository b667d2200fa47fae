import { useEffect, useRef, useState } from 'react';
import type { MessageProperties, MessageRow } from '../../../../shared/domain/message';
import { usesTls, usesWebSocket } from '../../../../shared/domain/profile';
import { mosquittoPubCommand } from '../../../../shared/mqtt/mosquitto-pub-command';
import { bytesToBase64 } from '../../../../shared/payload/preview';
import { findInvalidUtf8 } from '../../../../shared/payload/text-views';
import { useAppStore } from '../../../store/app-store';
import type { PayloadSource } from './payload-source';
import type { MessageKey, Translator } from '../../../../shared/i18n';
import { describeError } from '../../../i18n/describe-error';
import { useT } from '../../../i18n/use-t';

const STATUS_MS = 4000;
const utf8 = new TextDecoder('utf-8');

/** What a copy said, worded at render (a language switch rewords it); `extra` is text not ours (mosquitto_pub notes). */
type Said = { key: MessageKey; extra?: string[] };
type Status = { said: Said; failed: false } | { error: unknown; failed: true };

/** A failure of ours before anything is copied, worded when shown. */
class CopyRefused extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

function statusText(t: Translator, status: Status): string {
  if (!status.failed) return [t(status.said.key), ...(status.said.extra ?? [])].join(' ');
  const detail = status.error instanceof CopyRefused ? t(status.error.key) : describeError(t, status.error);
  return t('messages.copy.failed', { detail });
}

interface Props {
  connectionId: string;
  row: MessageRow;
  source: PayloadSource;
  properties: MessageProperties | undefined;
}

/** Copies the topic, the payload, or a mosquitto_pub command that publishes the message again. */
export function CopyButtons({ connectionId, row, source, properties }: Props) {
  const t = useT();
  const profile = useAppStore((state) => state.connections[connectionId]?.profile);
  const [status, setStatus] = useState<Status | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async (produce: () => Promise<{ text: string; said: Said }>) => {
    clearTimeout(timer.current);
    try {
      // Browsers offer the clipboard only to secure contexts: http://127.0.0.1 is one, a LAN address is not.
      if (!window.isSecureContext || !('clipboard' in navigator)) throw new CopyRefused('messages.copy.noClipboard');
      const { text, said } = await produce();
      await navigator.clipboard.writeText(text);
      setStatus({ said, failed: false });
    } catch (error) {
      setStatus({ error, failed: true });
    }
    timer.current = setTimeout(() => setStatus(undefined), STATUS_MS);
  };

  const copyPayload = async () => {
    // The click asks for the payload itself, so a large one is fetched whole here, not cut.
    const bytes = await source.loadAll();
    if (findInvalidUtf8(bytes).length === 0) return { text: utf8.decode(bytes), said: { key: 'messages.copy.payloadDone' as const } };
    return { text: bytesToBase64(bytes), said: { key: 'messages.copy.payloadBase64Done' as const } };
  };

  const copyCommand = async () => {
    if (!profile) throw new CopyRefused('messages.copy.profileGone');
    const bytes = await source.loadAll();
    const { command, notes } = mosquittoPubCommand(
      {
        host: profile.host,
        port: profile.port,
        protocolVersion: profile.protocolVersion,
        tls: usesTls(profile.transport),
        webSocket: usesWebSocket(profile.transport),
        username: profile.username,
      },
      { topic: row.topic, qos: row.qos, retain: row.retain, payload: bytes, ...(properties ? { properties } : {}) },
    );
    return { text: command, said: { key: 'messages.copy.commandDone' as const, extra: notes } };
  };

  return (
    <div className="copy-buttons">
      <button type="button" onClick={() => void copy(async () => ({ text: row.topic, said: { key: 'messages.copy.topicDone' } }))}>
        {t('messages.copy.topic')}
      </button>
      <button type="button" onClick={() => void copy(copyPayload)}>
        {t('messages.copy.payload')}
      </button>
      <button type="button" onClick={() => void copy(copyCommand)}>
        {t('messages.copy.command')}
      </button>
      <span role="status" className={status?.failed ? 'copy-status form-error' : 'copy-status'}>
        {status && statusText(t, status)}
      </span>
    </div>
  );
}
