import { useEffect, useState } from 'react';
import type { BrokerPacketRow } from '../../../shared/domain/broker';
import { api } from '../../api';
import { formatTime } from '../messages/format';
import { PacketInspector } from '../packets/PacketInspector';
import { useT } from '../../i18n/use-t';
import { wordText } from '../../../shared/broker/broker-text';

const SHOWN = 200;

/** The packet type and its flags as the spec names them: protocol words, the same in every language. */
function packetName(packet: BrokerPacketRow): string {
  return `${packet.cmd.toUpperCase()}${packet.dup ? ' DUP' : ''}${packet.retain ? ' RETAIN' : ''}`;
}

/** The broker-side tap: every packet in and out of every client, newest first. Polled while shown. */
export function PacketsPanel({ running }: { running: boolean }) {
  const t = useT();
  const [packets, setPackets] = useState<BrokerPacketRow[]>([]);
  const [inspected, setInspected] = useState<number>();
  useEffect(() => {
    if (!running) return undefined;
    let lastSeq = 0;
    let stopped = false;
    const poll = async () => {
      try {
        const result = await api.invoke('broker.packets.list', { afterSeq: lastSeq, limit: SHOWN });
        if (stopped) return;
        lastSeq = result.lastSeq;
        if (result.packets.length > 0) setPackets((current) => [...current, ...result.packets].slice(-SHOWN));
      } catch {
        // The next poll tries again; the broker may be stopping.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), 500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running]);

  return (
    <section className="broker-section wide" aria-labelledby="broker-packets">
      <div className="panel-header">
        <h3 id="broker-packets">{t('broker.packets.title')}</h3>
        <span className="count">{t('broker.packets.last', { count: String(packets.length) })}</span>
      </div>
      {packets.length === 0 ? (
        <p className="empty-note">{t(running ? 'broker.packets.none' : 'broker.packets.notRunning')}</p>
      ) : (
        <table className="broker-table packets" aria-label={t('broker.packets.label')}>
          <thead>
            <tr>
              <th scope="col">{t('broker.packets.time')}</th>
              <th scope="col">{t('broker.packets.client')}</th>
              <th scope="col">{t('broker.packets.direction')}</th>
              <th scope="col">{t('broker.packets.packet')}</th>
              <th scope="col">{t('broker.packets.id')}</th>
              <th scope="col">{t('broker.retained.qos')}</th>
              <th scope="col">{t('broker.retained.topic')}</th>
              <th scope="col">{t('broker.packets.fault')}</th>
              <th scope="col">{t('broker.packets.bytes')}</th>
            </tr>
          </thead>
          <tbody>
            {[...packets].reverse().map((packet) => (
              <tr key={packet.seq}>
                <td className="mono nowrap">{formatTime(packet.time)}</td>
                <td className="mono">{packet.clientId}</td>
                <td>{t(packet.direction === 'in' ? 'broker.packets.in' : 'broker.packets.out')}</td>
                <td className="mono">
                  {packetName(packet)}
                </td>
                <td className="nowrap">{packet.messageId ?? ''}</td>
                <td>{packet.qos ?? ''}</td>
                <td className="mono">{packet.topic ?? ''}</td>
                <td className="fault-cell">{packet.faultText ? wordText(t, packet.faultText) : (packet.fault ?? '')}</td>
                <td>
                  <button type="button" aria-pressed={inspected === packet.seq} aria-label={t('broker.packets.inspectLabel', { seq: String(packet.seq) })} onClick={() => setInspected(inspected === packet.seq ? undefined : packet.seq)}>
                    {t('broker.packets.inspect')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {inspected !== undefined && (
        <div role="region" aria-label={t('broker.packets.inspector')} className="broker-packet-inspector">
          <PacketInspector source={{ source: 'broker', seq: inspected }} />
        </div>
      )}
    </section>
  );
}
