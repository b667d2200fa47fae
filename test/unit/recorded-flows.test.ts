import { describe, expect, it } from 'vitest';
import { FlowTracker } from '../../electron/core/flows/flow-tracker';
import { RecordedFlows } from '../../electron/core/recording/recorded-flows';
import { tappedFromRecord } from '../../electron/core/recording/recorded-packets';
import type { PacketRecord } from '../../shared/recording/records';

let seq = 0;
function packet(fields: Omit<PacketRecord, 'type' | 'c' | 'seq' | 't' | 'm'>): ReturnType<typeof tappedFromRecord> {
  seq++;
  return tappedFromRecord({ type: 'packet', c: 'a', seq, t: seq, m: seq, ...fields });
}

describe('flows rebuilt from a recording', () => {
  it('links each PUBLISH to the message recorded after it, and keeps the acknowledgements in order behind it', () => {
    const tracker = new FlowTracker({ now: () => 1000 });
    const flows = new RecordedFlows(tracker);
    // The recorder writes packets as they pass and the messages up to 50 ms later, as here.
    flows.packet(packet({ dir: 'received', cmd: 'publish', qos: 1, packetId: 7, topic: 'a/b', dup: false, retain: false }));
    flows.packet(packet({ dir: 'sent', cmd: 'puback', packetId: 7 }));
    flows.packet(packet({ dir: 'received', cmd: 'publish', qos: 0, topic: 'a/c', dup: false, retain: false }));
    expect(tracker.size).toBe(0);
    flows.message(1, { direction: 'in', topic: 'a/b', packetId: 7 });
    flows.message(2, { direction: 'in', topic: 'a/c' });
    const [qos0, qos1] = tracker.list({}, 10).flows;
    expect(qos1).toMatchObject({ qos: 1, state: 'complete', messageId: 1 });
    expect(qos1?.steps.map((step) => step.type)).toEqual(['PUBLISH', 'PUBACK']);
    expect(qos0).toMatchObject({ qos: 0, messageId: 2 });
  });

  it('passes on a PUBLISH whose message the file lacks once a later one matches, and everything at the end', () => {
    const tracker = new FlowTracker({ now: () => 1000 });
    const flows = new RecordedFlows(tracker);
    flows.packet(packet({ dir: 'received', cmd: 'publish', qos: 0, topic: 'lost', dup: false, retain: false }));
    flows.packet(packet({ dir: 'received', cmd: 'publish', qos: 0, topic: 'kept', dup: false, retain: false }));
    flows.packet(packet({ dir: 'sent', cmd: 'pingreq' }));
    flows.message(5, { direction: 'in', topic: 'kept' });
    expect(tracker.list({}, 10).flows.map((flow) => [flow.topic ?? flow.kind, flow.messageId])).toEqual([
      ['ping', undefined],
      ['kept', 5],
      ['lost', undefined],
    ]);
    flows.packet(packet({ dir: 'received', cmd: 'publish', qos: 0, topic: 'never', dup: false, retain: false }));
    expect(tracker.size).toBe(3);
    flows.finish();
    expect(tracker.size).toBe(4);
  });
});
