/** The parts of a Sparkplug B topic: spBv1.0/{group}/{message type}/{edge node}[/{device}]. */
export interface SparkplugTopic {
  group: string;
  messageType: SparkplugMessageType;
  edgeNode: string;
  device?: string;
}

export const sparkplugMessageTypes = ['NBIRTH', 'NDEATH', 'DBIRTH', 'DDEATH', 'NDATA', 'DDATA', 'NCMD', 'DCMD'] as const;
export type SparkplugMessageType = (typeof sparkplugMessageTypes)[number];

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

/** undefined for anything else, the STATE topic included (its payload is JSON, not protobuf). */
export function parseSparkplugTopic(topic: string): SparkplugTopic | undefined {
  if (!topic.startsWith(`${SPARKPLUG_NAMESPACE}/`)) return undefined;
  const parts = topic.split('/');
  if (parts.length !== 4 && parts.length !== 5) return undefined;
  const [, group = '', messageType = '', edgeNode = '', device] = parts;
  if (!(sparkplugMessageTypes as readonly string[]).includes(messageType) || group === '' || edgeNode === '') return undefined;
  const isDeviceMessage = messageType.startsWith('D');
  if (isDeviceMessage !== (device !== undefined) || device === '') return undefined;
  const parsed: SparkplugTopic = { group, messageType: messageType as SparkplugMessageType, edgeNode };
  if (device !== undefined) parsed.device = device;
  return parsed;
}

/** seq and births belong to the edge node; aliases are unique per edge node, devices included. */
export function edgeNodeKey(topic: SparkplugTopic): string {
  return `${topic.group}/${topic.edgeNode}`;
}
