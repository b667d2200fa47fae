/** The cli area's sentences. Keys start with "cli."; zh-CN/cli.ts must hold the same keys. */
export const cli = {
  'cli.usage': `Usage: mqtt-lab record -h HOST [-p PORT] -t FILTER [-t FILTER…] [-q QOS] -o FILE [options]
       mqtt-lab replay -h HOST [-p PORT] -f FILE [options]
       mqtt-lab compare A.mqttrec.jsonl B.mqttrec.jsonl [options]
       mqtt-lab pub -h HOST [-p PORT] -t TOPIC (-m TEXT | -f FILE | -n | -s) [-q QOS] [-r]
       mqtt-lab sub -h HOST [-p PORT] -t FILTER [-t FILTER…] [-q QOS] [-C COUNT] [-W SECONDS] [-v]
       mqtt-lab simulate -h HOST [-p PORT] --devices N --interval MS -t TOPIC -m PAYLOAD [options]
       mqtt-lab broker [-p PORT] [--host ADDRESS] [--ws PORT] [--tls-port PORT --cert FILE --key FILE] [-u USER:PASSWORD…]

Connection flags follow mosquitto_pub/sub: -h -p -V mqttv31|mqttv311|mqttv5 -u -P -i --cafile --cert --key

record
  -t FILTER, -q QOS   what to subscribe to (repeat -t for more filters)
  -o, --output FILE   the recording to write (refuses to replace an existing file)
  --seconds N         stop after N seconds (otherwise Ctrl+C or SIGTERM stops it cleanly)
  -C, --count N       stop after N messages
replay
  -f, --file FILE     the recording to replay (the messages the recorded client received)
  --speed N|max       recorded timing scaled by N (0.1 to 100, default 1), or as fast as possible
  --loop              start again at the end, until Ctrl+C
  --filter FILTER     only the recorded messages whose topic matches
  --direction in|out|both   which recorded messages to send (default in)
  --topic-prefix FROM=TO | --topic-regex PATTERN=REPLACEMENT   rewrite topics
  -q QOS, -r | --no-retain    override the recorded QoS and retain flag
compare
  --match-field PATH  pair messages on a topic by this JSON field (e.g. seq) instead of by order
  --gap-ms N          report pairs whose interval since the previous pair moved by more than N ms
  --direction in|out|both   which recorded messages to compare (default in)
  --max-missing N, --max-extra N, --max-changed N, --max-timing N   differences tolerated (default 0)
simulate              N simulated devices, each its own MQTT connection, until Ctrl+C, --duration or --count
  --devices N         1 to 1,000 (default 1)              --interval MS    between one device's sends (default 1000, from 10)
  -t TOPIC, -m PAYLOAD  templates: '{{device}} (from 1), {{seq}}, {{now}}, {{random 20 30}}, {{walk 21 0.2}}, {{pick "a" "b"}}'…
  --client-id ID      client id pattern (default mqtt-lab-dev-'{{device}}')   -q QOS   of the data messages
  --ramp N            connect N devices per second (default all at once)
  -C, --count N       stop after each device sent N messages                --duration S   stop after S seconds
  --will-topic T --will-message M     each device's will     --birth-topic T --birth-message M   a retained birth message
  --sparkplug GROUP/EDGE   Sparkplug B edge nodes (EDGE a pattern, e.g. edge-'{{device}}'): NBIRTH, then NDATA by alias of -m's JSON fields
broker                the app's built-in broker, headless; prints its listeners and its log until Ctrl+C or SIGTERM
  -p PORT             MQTT over TCP (default 1883)       --host ADDRESS   where to listen (default 127.0.0.1; 0.0.0.0 for all)
  --ws PORT           also MQTT over WebSocket            --tls-port PORT  also MQTT over TLS (default 8883), with
  --cert FILE, --key FILE   the server certificate and its private key (PEM)
  -u USER:PASSWORD    only these users may connect (repeat -u for more); without -u anyone may
  --data-dir DIR      start from the broker settings the app saved in DIR (web mode's data folder); flags override
  --json              each log line as a JSON object
--json                print one JSON object as the result (the default when stdout is not a terminal)

Exit codes: 0 done cleanly (replay: every message sent and acknowledged; compare: the same within
the tolerances), 1 could not connect, write or deliver (compare: they differ), 2 bad command line
(broker: also settings it cannot start with, such as a port in use or a TLS key that does not fit).`,
  'cli.unknownCommand': 'Unknown command "{command}". This version has: record, replay, compare, pub, sub, simulate, broker.',
  'cli.failed': 'mqtt-lab: {error}',
  'cli.signal.interrupted': 'interrupted',
  'cli.signal.terminated': 'terminated',
  'cli.signal.exitNow': 'mqtt-lab: {why} while {what}; exiting now.',
  'cli.signal.whileStopping': 'stopping',
  'cli.signal.whileStoppingBroker': 'stopping the broker',
  'cli.signal.whileDisconnectingDevices': 'disconnecting the devices',
  'cli.signal.whileClosingConnection': 'closing the connection',
  'cli.signal.whileConnecting': '{why} while connecting',
  'cli.close.late': 'mqtt-lab: the connection did not close within {seconds} s; exiting anyway.',
  'cli.close.failed': 'mqtt-lab: closing failed: {error}',
  'cli.nothingToWaitFor': 'mqtt-lab: stopped with nothing left to wait for (no connection, timer or signal could end the command).',
  'cli.args.unknownOption': 'Unknown option {flag}.',
  'cli.args.needsValue': '{flag} needs a value.',
  'cli.args.unreadable': '{path} could not be read ({code}).',
  'cli.args.integer': '{flag} takes a whole number from {min} to {max}, not "{text}".',
  'cli.args.protocolVersion': '-V takes mqttv31, mqttv311 or mqttv5, not "{text}".',
  'cli.args.direction': '--direction takes in, out or both, not "{text}".',
  'cli.args.pair': '{flag} takes FROM=TO, not "{text}".',
  'cli.connect.failed': 'Could not connect: {reason}',
  'cli.connect.failedTo': 'Could not connect to {address}: {reason}',
  'cli.connect.noReason': 'no reason given',
  'cli.stop.secondsPassed': '{seconds} s passed',
  'cli.record.needTopic': 'Give at least one topic filter with -t, for example -t "sensors/#".',
  'cli.record.needOutput': 'Give the file to record to with -o, for example -o run.mqttrec.jsonl.',
  'cli.record.recording': 'Recording {topics} from {address} to {path}. Ctrl+C stops.',
  'cli.record.progress': '{seconds} s · {messages} messages · {megabytes} MB',
  'cli.record.countReached': '{count} messages recorded',
  'cli.record.stopped': 'Stopped ({why}): {messages} messages, {packets} packets in {path}',
  'cli.replay.speed': '--speed takes a factor from 0.1 to 100, or max, not "{text}".',
  'cli.replay.needFile': 'Give the recording to replay with -f, for example -f run.mqttrec.jsonl.',
  'cli.replay.invalidOptions': 'The replay options are not valid.',
  'cli.replay.progress': '{sent} / {total} sent · {acked} acknowledged · {failed} failed{pass}',
  'cli.replay.pass': ' · pass {pass}',
  'cli.replay.starting': 'Replaying {total} messages from {path} to {address}…',
  'cli.replay.replayed': 'Replayed',
  'cli.replay.stopped': 'Stopped',
  'cli.replay.result': '{state}: {sent} sent, {acked} acknowledged, {failed} failed{queued}{timing}{failures}',
  'cli.replay.queued': ', {queued} queued while the connection was away',
  'cli.replay.timing': '; timing error median {median} ms, p99 {p99} ms, max {max} ms',
  'cli.replay.failure': '{count} × {reason}',
  'cli.compare.count': '{flag} takes a whole number of 0 or more, not "{text}".',
  'cli.compare.needTwo': 'Give two recordings to compare: mqtt-lab compare A.mqttrec.jsonl B.mqttrec.jsonl',
  'cli.compare.reading': 'Reading {path}…',
  'cli.compare.same': 'Same within the tolerances',
  'cli.compare.differ': 'The recordings differ',
  'cli.compare.summary': '{verdict}: {pairs} pairs, {missing} missing from B, {extra} extra in B, {changed} changed payloads, {timing} moved intervals.',
  'cli.compare.topic': '{topic}: {a} in A, {b} in B',
  'cli.compare.missing': 'missing: A#{id} {topic}',
  'cli.compare.extra': 'extra: B#{id} {topic}',
  'cli.compare.changed': 'changed: A#{a} ≠ B#{b} {topic}',
  'cli.compare.timing': 'timing: {topic} A#{a} after {intervalA} ms, B#{b} after {intervalB} ms',
  'cli.compare.note': 'note: {path}: {cut}',
  'cli.pub.needTopic': 'Give the topic with -t.',
  'cli.pub.onePayload': 'Give exactly one payload: -m TEXT, -f FILE, -n (empty) or -s (standard input).',
  'cli.pub.tooLarge': 'not sent: the PUBLISH would be {size} bytes, above the {limit} bytes the broker accepts (its Maximum Packet Size in CONNACK; MQTT-3.2.2-15)',
  'cli.pub.stoppedBeforeAck': '{why} before the broker acknowledged the message',
  'cli.pub.acked': 'acknowledged with {ack} after {ms} ms',
  'cli.pub.sentQos0': 'sent at QoS 0',
  'cli.pub.connectionEndedAfter': '{error}; the connection ended: {status}',
  'cli.sub.needTopic': 'Give at least one topic filter with -t.',
  'cli.sub.connectionEnded': 'the connection ended: {status}',
  'cli.sub.countReached': '{count} messages received',
  'cli.sub.subscriptionFailed': 'the subscription to {filter} failed: {reason}',
  'cli.sub.couldNotSubscribe': 'could not subscribe to {filter}: {error}',
  'cli.sub.stopped': 'mqtt-lab sub: stopped ({why}); {count, plural, one {# message} other {# messages}} received.',
  'cli.simulate.sparkplug': '--sparkplug takes GROUP/EDGE (EDGE a pattern such as {example}), not "{text}".',
  'cli.simulate.willNeedsTopic': '--will-message needs --will-topic.',
  'cli.simulate.birthNeedsTopic': '--birth-message needs --birth-topic.',
  'cli.simulate.needTopic': 'Give the topic pattern with -t (such as {example}), or --sparkplug GROUP/EDGE.',
  'cli.simulate.needPayload': 'Give the payload template with -m (such as {example}).',
  'cli.simulate.status': '{seconds} s · {connected}/{devices} connected{problems} · {sent} sent · {rate} msg/s{topError}',
  'cli.simulate.problems': ' · {failed} failed · {reconnecting} reconnecting',
  'cli.simulate.topError': ' · {count}× {reason}',
  'cli.simulate.allSent': 'every device sent {count} messages',
  'cli.simulate.stopped': 'Stopped ({why}): {connected}/{devices} devices were connected, {sent} messages sent, {notSent} not sent, {seconds} s.{errors}',
  'cli.simulate.error': '{count}× ({devices} devices) {reason}',
  'cli.broker.ready': 'Ready. Ctrl+C or SIGTERM stops the broker.',
  'cli.broker.failed': 'mqtt-lab broker: {error}',
  'cli.broker.stopped': 'Stopped ({why}) after {seconds} s: {connections, plural, one {# connection} other {# connections}} accepted, {refused} refused, {clients, plural, one {# client} other {# clients}} closed at the stop; {packets, plural, one {# packet} other {# packets}} through the broker.',
  'cli.broker.tlsNeedsBoth': 'The TLS listener needs both --cert FILE (the server certificate) and --key FILE (its private key).',
  'cli.broker.invalidSettings': 'The broker settings are not valid.',
  'cli.broker.userPassword': '{flag} takes USER:PASSWORD, such as {flag} alice:secret, not "{text}".',
  'cli.broker.noUserName': '{flag} "{text}" has no user name before the colon.',
  'cli.broker.tlsCertUnreadable': 'The TLS certificate file {path} could not be read ({code}).',
  'cli.broker.tlsKeyUnreadable': 'The TLS key file {path} could not be read ({code}).',
} satisfies Record<string, string>;
