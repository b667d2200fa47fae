import type { BrokerEngine } from '../../../shared/domain/broker';
import { englishText, text, type BrokerText } from '../../../shared/broker/broker-text';
import { aedesVersion } from './aedes-internals';
import { TOPIC_ALIAS_MAXIMUM } from './running-broker';
import { MAX_PACKET_SIZE, MAX_UNRELEASED_QOS2 } from './wire/aedes2-workarounds';

/** What the user should know about the engine before testing against it. */
export function aedesEngine(): BrokerEngine {
  const noteTexts: BrokerText[] = [
    text('broker.engine.shared'),
    text('broker.engine.overlap'),
    text('broker.engine.dup'),
    text('broker.engine.limits'),
    text('broker.engine.aliases', { aliases: String(TOPIC_ALIAS_MAXIMUM) }),
    text('broker.engine.lowered'),
    text('broker.engine.auth'),
    text('broker.engine.memory'),
    text('broker.engine.qos2'),
    text('broker.engine.unreleased', { max: String(MAX_UNRELEASED_QOS2) }),
    text('broker.engine.packetSize', { mib: String(MAX_PACKET_SIZE / (1024 * 1024)) }),
    text('broker.engine.clientIds'),
  ];
  return {
    name: 'aedes',
    version: aedesVersion(),
    protocols: ['3.1', '3.1.1', '5.0'],
    // English for the CLI and tests; the page words noteTexts in the user's language.
    notes: noteTexts.map(englishText),
    noteTexts,
  };
}
