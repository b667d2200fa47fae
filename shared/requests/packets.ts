/** Requests of the packet inspector, spread into `requests` in `contract.ts`. */
import { z } from 'zod';
import type { PacketBytes, PacketRow } from '../packets/packet-row';
import { ConnectionId, ConnectionRef } from '../schemas';

const Seq = z.number().int().min(1);

export const PacketRefInput = z.discriminatedUnion('source', [
  z.object({ source: z.literal('client'), connectionId: ConnectionId, seq: Seq }),
  z.object({ source: z.literal('broker'), seq: Seq }),
]);

export const packetRequests = {
  /**
   * Up to `limit` packets of the connection after `afterSeq`, oldest first. `lastSeq` is where the
   * next call continues; `evicted` counts packets the log's budget dropped.
   */
  'packets.list': {
    input: ConnectionRef.extend({ afterSeq: z.number().int().min(0), limit: z.number().int().min(1).max(5000) }),
    output: z.custom<{ packets: PacketRow[]; lastSeq: number; total: number; evicted: number }>(),
  },
  /** The encoded bytes of one packet, for the inspector. */
  'packets.get': { input: PacketRefInput, output: z.custom<PacketBytes>() },
  /** Every packet the connection's log holds, with its bytes, as a JSON document. */
  'packets.export': { input: ConnectionRef.extend({ format: z.enum(['json', 'pcapng']) }), output: z.custom<{ fileName: string; content: string; encoding: 'utf8' | 'base64'; count: number }>() },
} as const;
