import { useEffect, useRef, useState } from 'react';
import type { MessageProperties, MessageRow } from '../../../../shared/domain/message';
import { usesTls, usesWebSocket } from '../../../../shared/domain/profile';
import { mosquittoPubCommand } from '../../../../shared/mqtt/mosquitto-pub-command';
import { bytesToBase64 } from '../../../../shared/payload/preview';
import { findInvalidUtf8 } from '../../../../shared/payload/text-views';
import { useAppStore } from '../../../store/app-store';
import type { PayloadSource } from './payload-source';

const STATUS_MS = 4000;
const utf8 = new TextDecoder('utf-8');

interface Props {
  connectionId: string;
  row: MessageRow;
  source: PayloadSource;
  properties: MessageProperties | undefined;
}

/** Copies the topic, the payload, or a mosquitto_pub command that publishes the message again. */
export function CopyButtons({ connectionId, row, source, properties }: Props) {
  const profile = useAppStore((state) => state.connections[connectionId]?.profile);
  const [status, setStatus] = useState<{ text: string; failed: boolean } | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async (produce: () => Promise<{ text: string; said: string }>) => {
    clearTimeout(timer.current);
    try {
      // Browsers offer the clipboard only to secure contexts: http://127.0.0.1 is one, a LAN address is not.
      if (!window.isSecureContext || !('clipboard' in navigator)) throw new Error('this page may not use the clipboard; open the app at http://127.0.0.1 or in the desktop app.');
      const { text, said } = await produce();
      await navigator.clipboard.writeText(text);
      setStatus({ text: said, failed: false });
    } catch (error) {
      setStatus({ text: `Could not copy: ${(error as Error).message}`, failed: true });
    }
    timer.current = setTimeout(() => setStatus(undefined), STATUS_MS);
  };

  const copyPayload = async () => {
    // The click asks for the payload itself, so a large one is fetched whole here, not cut.
    const bytes = await source.loadAll();
    if (findInvalidUtf8(bytes).length === 0) return { text: utf8.decode(bytes), said: 'Copied the payload.' };
    return { text: bytesToBase64(bytes), said: 'Copied the payload as Base64: it is not UTF-8 text.' };
  };

  const copyCommand = async () => {
    if (!profile) throw new Error('the connection profile is gone.');
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
    return { text: command, said: ['Copied the mosquitto_pub command.', ...notes].join(' ') };
  };

  return (
    <div className="copy-buttons">
      <button type="button" onClick={() => void copy(async () => ({ text: row.topic, said: 'Copied the topic.' }))}>
        Copy topic
      </button>
      <button type="button" onClick={() => void copy(copyPayload)}>
        Copy payload
      </button>
      <button type="button" onClick={() => void copy(copyCommand)}>
        Copy as mosquitto_pub
      </button>
      <span role="status" className={status?.failed ? 'copy-status form-error' : 'copy-status'}>
        {status?.text}
      </span>
    </div>
  );
}
