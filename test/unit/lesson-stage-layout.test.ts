import { describe, expect, it } from 'vitest';
import type { TraceConnectionEvent, TracePacket } from '../../shared/lessons/lesson-trace';
import { NORMAL_METRICS, arrowGeometry, drawnPackets, lanePositions, laneOrder, layoutStage, packetLabel } from '../../renderer/features/lessons/stage-layout';
import { DARK_PALETTE, escapeXml, stageSvg, stepHeading } from '../../renderer/features/lessons/stage-svg';

let nextIndex = 0;
function packet(fields: Partial<TracePacket> & Pick<TracePacket, 'from' | 'to' | 'type'>): TracePacket {
  const index = nextIndex++;
  return { index, step: 0, time: index * 10, wallTime: 0, tap: 'actors', actor: fields.from === 'broker' ? fields.to : fields.from, size: 4, ref: { source: 'lesson-broker', seq: index }, ...fields };
}

const metrics = NORMAL_METRICS;

describe('the stage layout', () => {
  it('puts the broker lane in the middle, the first half of the actors on its left', () => {
    expect(laneOrder(['Sensor', 'Phone'])).toEqual(['Sensor', 'broker', 'Phone']);
    expect(laneOrder(['A', 'B', 'C'])).toEqual(['A', 'B', 'broker', 'C']);
    expect(laneOrder(['Solo'])).toEqual(['Solo', 'broker']);
    const lanes = lanePositions(['Sensor', 'Phone'], metrics);
    expect(lanes.map((lane) => lane.x)).toEqual([metrics.margin, metrics.margin + metrics.laneGap, metrics.margin + 2 * metrics.laneGap]);
    expect(lanes.map((lane) => lane.broker)).toEqual([false, true, false]);
  });

  it('points an arrow head at its end, whichever way it goes', () => {
    const right = arrowGeometry(100, 300, 50, 13);
    expect(right.head).toBe('300,50 290,45 290,55');
    expect(right.labelX).toBe(200);
    expect(right.labelY).toBeLessThan(50);
    const left = arrowGeometry(300, 100, 80, 13);
    expect(left.head).toBe('100,80 110,75 110,85');
  });

  it('labels a packet with its type, packet id, QoS, DUP and reason code', () => {
    expect(packetLabel(packet({ from: 'Sensor', to: 'broker', type: 'PUBLISH', packetId: 7, qos: 1, dup: true }))).toBe('PUBLISH · id 7 · QoS 1 · DUP');
    expect(packetLabel(packet({ from: 'broker', to: 'Sensor', type: 'PUBACK', packetId: 7, reasonCode: 0x10 }))).toBe('PUBACK · id 7 · 0x10');
    expect(packetLabel(packet({ from: 'broker', to: 'Sensor', type: 'PUBACK', packetId: 8, tap: 'broker', dropped: true }))).toBe('PUBACK · id 8 · dropped');
  });

  it('draws every actor-tap packet and, from the broker tap, only the dropped ones', () => {
    const actorSide = packet({ from: 'Sensor', to: 'broker', type: 'PUBLISH' });
    const brokerCopy = packet({ from: 'Sensor', to: 'broker', type: 'PUBLISH', tap: 'broker' });
    const dropped = packet({ from: 'broker', to: 'Sensor', type: 'PUBACK', tap: 'broker', dropped: true });
    expect(drawnPackets([actorSide, brokerCopy, dropped])).toEqual([actorSide, dropped]);
  });

  it('stops a dropped broker packet a short way out, a dropped actor packet at the broker, and heads each step', () => {
    const publish = packet({ from: 'Sensor', to: 'broker', type: 'PUBLISH', step: 0 });
    const droppedAck = packet({ from: 'broker', to: 'Sensor', type: 'PUBACK', tap: 'broker', dropped: true, step: 1 });
    const droppedIn = packet({ from: 'Phone', to: 'broker', type: 'PUBACK', tap: 'broker', dropped: true, step: 1 });
    const closed: TraceConnectionEvent = { kind: 'closed', actor: 'Sensor', time: droppedIn.time + 1, step: 1, closedBy: 'broker', reason: 'keepalive' };
    const layout = layoutStage(['Sensor', 'Phone'], [publish, droppedAck, droppedIn], [closed], metrics);
    const [sensorX, brokerX, phoneX] = layout.lanes.map((lane) => lane.x) as [number, number, number];
    expect(layout.rows.map((row) => row.kind)).toEqual(['step', 'packet', 'step', 'packet', 'packet', 'event']);
    const arrows = layout.rows.flatMap((row) => (row.kind === 'packet' ? [row] : []));
    expect(arrows[0]?.arrow).toMatchObject({ x1: sensorX, x2: brokerX });
    expect(arrows[1]?.arrow.x1).toBe(brokerX);
    expect(arrows[1]?.arrow.x2).toBeGreaterThan(sensorX);
    expect(arrows[1]?.arrow.x2).toBeLessThan(brokerX);
    expect(arrows[2]?.arrow).toMatchObject({ x1: phoneX, x2: brokerX });
    // The close is written from the Sensor's lane towards the broker, in a row of its own.
    expect(layout.rows.at(-1)).toMatchObject({ kind: 'event', x: sensorX + 8, anchor: 'start', text: 'closed by the broker: keepalive' });
    // Rows go down the page one row height apart.
    const ys = layout.rows.map((row) => row.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(ys.length);
    expect(layout.height).toBeGreaterThan(ys.at(-1) ?? 0);
    expect(layout.width).toBe(phoneX + metrics.margin);
  });
});

describe('the stage as an SVG file', () => {
  it('holds the lanes with the actor names and the broker, an arrow per packet, and escapes text', () => {
    const publish = packet({ from: 'Sensor', to: 'broker', type: 'PUBLISH', packetId: 3, qos: 1, dup: true, step: 0 });
    const layout = layoutStage(['Sensor', 'Phone <&>'], [publish, packet({ from: 'broker', to: 'Phone <&>', type: 'PUBLISH', qos: 1, step: 0 })], [], metrics);
    const svg = stageSvg(layout, { title: 'QoS "1"', stepTitles: ['Publish & wait'], palette: DARK_PALETTE, highlighted: new Set([publish.index]) });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>QoS &quot;1&quot;</title>');
    expect(svg.match(/class="lane"/g)).toHaveLength(3);
    expect(svg).toContain('>Sensor</text>');
    expect(svg).toContain('>Broker</text>');
    expect(svg).toContain('>Phone &lt;&amp;&gt;</text>');
    expect(svg.match(/class="arrow"/g)).toHaveLength(2);
    expect(svg).toContain('PUBLISH · id 3 · QoS 1 · DUP');
    expect(svg).toContain('Step 1 · Publish &amp; wait');
    // The highlighted packet (a check's evidence) is drawn in the highlight colour.
    expect(svg).toContain(`stroke="${DARK_PALETTE.highlight}"`);
    expect(escapeXml(`a'b`)).toBe('a&apos;b');
    expect(stepHeading(-1, [])).toBe('Before the first step');
  });
});

describe('the stage in Chinese', () => {
  it('words headings, labels and events in the language given, and keeps protocol names', async () => {
    const { translator } = await import('../../shared/i18n');
    const zh = translator('zh-CN');
    expect(stepHeading(-1, [], zh)).toBe('第一步之前');
    expect(stepHeading(0, ['发布'], zh)).toBe('第 1 步 · 发布');
    expect(packetLabel(packet({ from: 'broker', to: 'Sensor', type: 'PUBACK', packetId: 8, tap: 'broker', dropped: true }), zh)).toBe('PUBACK · id 8 · 已丢弃');
    const closed: TraceConnectionEvent = { kind: 'closed', actor: 'Sensor', time: 1, step: 0, closedBy: 'broker', reason: 'keepalive' };
    const layout = layoutStage(['Sensor'], [], [closed], metrics, zh);
    expect(layout.rows.at(-1)).toMatchObject({ kind: 'event', text: '被 Broker 关闭：keepalive' });
  });
});
