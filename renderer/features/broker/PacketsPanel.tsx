import { useEffect, useState } from 'react';
import type { BrokerPacketRow } from '../../../shared/domain/broker';
import { api } from '../../api';
import { formatTime } from '../messages/format';
import { PacketInspector } from '../packets/PacketInspector';

const SHOWN = 200;

/** The broker-side tap: every packet in and out of every client, newest first. Polled while shown. */
export function PacketsPanel({ running }: { running: boolean }) {
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
        <h3 id="broker-packets">Packets through the broker</h3>
        <span className="count">last {packets.length}</span>
      </div>
      {packets.length === 0 ? (
        <p className="empty-note">{running ? 'No packets yet.' : 'Start the broker to see its packets.'}</p>
      ) : (
        <table className="broker-table packets" aria-label="Broker packets">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Client</th>
              <th scope="col">Direction</th>
              <th scope="col">Packet</th>
              <th scope="col">Id</th>
              <th scope="col">QoS</th>
              <th scope="col">Topic</th>
              <th scope="col">Fault</th>
              <th scope="col">Bytes</th>
            </tr>
          </thead>
          <tbody>
            {[...packets].reverse().map((packet) => (
              <tr key={packet.seq}>
                <td className="mono nowrap">{formatTime(packet.time)}</td>
                <td className="mono">{packet.clientId}</td>
                <td>{packet.direction === 'in' ? 'client → broker' : 'broker → client'}</td>
                <td className="mono">
                  {packet.cmd.toUpperCase()}
                  {packet.dup ? ' DUP' : ''}
                  {packet.retain ? ' RETAIN' : ''}
                </td>
                <td className="nowrap">{packet.messageId ?? ''}</td>
                <td>{packet.qos ?? ''}</td>
                <td className="mono">{packet.topic ?? ''}</td>
                <td className="fault-cell">{packet.fault ?? ''}</td>
                <td>
                  <button type="button" aria-pressed={inspected === packet.seq} aria-label={`Inspect packet ${packet.seq}`} onClick={() => setInspected(inspected === packet.seq ? undefined : packet.seq)}>
                    Inspect
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {inspected !== undefined && (
        <div role="region" aria-label="Broker packet inspector" className="broker-packet-inspector">
          <PacketInspector source={{ source: 'broker', seq: inspected }} />
        </div>
      )}
    </section>
  );
}
