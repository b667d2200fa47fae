import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { SimulatorConfig, SimulatorStatus } from '../../../shared/domain/simulator';
import { english, msg, type Message } from '../../../shared/i18n';
import { realClock, SendLoop } from '../schedules/send-loop';
import type { LoopClock } from '../schedules/send-loop';
import { compilePatterns, deviceIdentity, deviceRun, namesEachDevice } from './device-patterns';
import type { DevicePatterns } from './device-patterns';
import { errorReason, SimulatorCounts } from './simulator-status';
import { edgeTopic, MetricsError, readMetricValues, SparkplugEdge } from './sparkplug-edge';
import type { TemplateRun } from '../../../shared/templates/template-run';

/** Where the devices connect, once the built-in broker is resolved to its address. */
export interface SimulatorAddress {
  host: string;
  port: number;
  protocolVersion: 3 | 4 | 5;
  username: string;
  password: string;
}

/**
 * 1,000 devices send 1,000 messages a second between them: the send loop's last-millisecond spin,
 * right for one schedule, would here burn a core. A device is content with the timer's millisecond.
 */
const sleepingClock: LoopClock = { ...realClock, spinUntil: () => undefined };

const RECONNECT_MS = 2000;
const CONNECT_TIMEOUT_MS = 10_000;
/** How long stop waits for every DISCONNECT to be written before closing what is left. */
const STOP_LIMIT_MS = 3000;

interface Device {
  index: number;
  clientId: string;
  client: MqttClient | undefined;
  run: TemplateRun;
  loop: SendLoop | undefined;
  edge: SparkplugEdge | undefined;
  everConnected: boolean;
  finished: boolean;
}

/** A config the run refuses; `text` is our sentence to word, absent for a template's own message. */
export class SimulatorError extends Error {
  readonly text: Message | undefined;
  constructor(message: string | Message) {
    super(typeof message === 'string' ? message : english(message.key, message.params));
    this.text = typeof message === 'string' ? undefined : message;
  }
}

/**
 * N simulated devices, each a plain MQTT.js client: a full Connection (packet tap, message store,
 * flows) per device would cost megabytes each at 1,000 devices, and nobody inspects one device's
 * packets here. What the run keeps is counts, the send rate and errors grouped by reason.
 */
export class Simulator {
  private readonly counts: SimulatorCounts;
  private readonly devices: Device[] = [];
  private readonly patterns: DevicePatterns;
  private rampTimer: ReturnType<typeof setInterval> | undefined;
  private sampleTimer: ReturnType<typeof setInterval> | undefined;
  private running = false;
  private startedAtMs = 0;
  private finishedDevices = 0;

  constructor(
    private readonly config: SimulatorConfig,
    private readonly address: SimulatorAddress,
    private readonly onFinished: () => void = () => undefined,
  ) {
    const patterns: DevicePatterns = {
      clientId: config.clientId,
      topic: config.sparkplug ? 'unused' : config.topic,
      payload: config.payload,
      willTopic: config.will?.topic,
      willPayload: config.will?.payload,
      birthTopic: config.birth?.topic,
      birthPayload: config.birth?.payload,
    };
    const compiled = compilePatterns(patterns);
    if (!compiled.ok) throw new SimulatorError(compiled.message);
    if (config.devices > 1 && !namesEachDevice(config.clientId)) {
      throw new SimulatorError(msg('simulator.error.sameClientId', { clientId: config.clientId }));
    }
    if (config.sparkplug) {
      if (config.devices > 1 && !namesEachDevice(config.sparkplug.edge)) throw new SimulatorError(msg('simulator.error.sameEdge', { edge: config.sparkplug.edge }));
      const first = deviceRun(patterns, 1).peek();
      try {
        readMetricValues(first.payload);
      } catch (error) {
        throw new SimulatorError(error instanceof MetricsError ? error.text : (error as Error).message);
      }
    } else if (config.topic === '') throw new SimulatorError(msg('simulator.error.noTopic'));
    this.patterns = compiled.patterns;
    this.counts = new SimulatorCounts(config.devices);
  }

  start(): void {
    this.running = true;
    this.startedAtMs = performance.now();
    this.counts.sample();
    this.sampleTimer = setInterval(() => this.counts.sample(), 500);
    const perSecond = this.config.rampPerSecond;
    if (perSecond === undefined) {
      for (let index = 1; index <= this.config.devices; index++) this.startDevice(index);
      return;
    }
    // Ramp-up on the clock, not by counting ticks: a late tick starts every device that is due.
    this.rampTimer = setInterval(() => this.rampTick(perSecond), Math.max(10, Math.min(100, 1000 / perSecond)));
    this.rampTick(perSecond);
  }

  status(): SimulatorStatus {
    return this.counts.status(this.running);
  }

  /** Every device says DISCONNECT (a Sparkplug edge node its NDEATH first) and closes; the ones that cannot in time are closed. */
  async stop(): Promise<SimulatorStatus> {
    this.running = false;
    if (this.rampTimer !== undefined) clearInterval(this.rampTimer);
    this.rampTimer = undefined;
    this.counts.sample();
    if (this.sampleTimer !== undefined) clearInterval(this.sampleTimer);
    this.sampleTimer = undefined;
    await Promise.all(this.devices.map((device) => this.stopDevice(device)));
    for (let index = 1; index <= this.config.devices; index++) this.counts.setState(index, 'stopped');
    return this.counts.status(false);
  }

  /** Drops every socket without a DISCONNECT, as a power cut would, so the broker sends the wills. */
  cutConnections(): void {
    for (const device of this.devices) device.client?.stream.destroy();
  }

  private rampTick(perSecond: number): void {
    const due = Math.min(this.config.devices, 1 + Math.floor(((performance.now() - this.startedAtMs) * perSecond) / 1000));
    while (this.running && this.devices.length < due) this.startDevice(this.devices.length + 1);
    if (this.devices.length >= this.config.devices && this.rampTimer !== undefined) {
      clearInterval(this.rampTimer);
      this.rampTimer = undefined;
    }
  }

  private startDevice(index: number): void {
    const identity = deviceIdentity(this.patterns, index);
    const device: Device = {
      index,
      clientId: identity.clientId,
      client: undefined,
      run: deviceRun(this.patterns, index),
      loop: undefined,
      edge: this.config.sparkplug ? new SparkplugEdge() : undefined,
      everConnected: false,
      finished: false,
    };
    this.devices.push(device);
    const edgeId = this.config.sparkplug ? this.edgeId(index) : '';
    const options: IClientOptions = {
      host: this.address.host,
      port: this.address.port,
      protocol: 'mqtt',
      protocolVersion: this.address.protocolVersion,
      clientId: identity.clientId,
      clean: true,
      keepalive: 60,
      reconnectPeriod: RECONNECT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      ...(this.address.username !== '' ? { username: this.address.username, password: this.address.password } : {}),
    };
    if (device.edge && this.config.sparkplug) {
      options.will = { topic: edgeTopic(this.config.sparkplug.group, 'NDEATH', edgeId), payload: Buffer.from(device.edge.death()), qos: 1, retain: false };
    } else if (identity.will && this.config.will) {
      options.will = { topic: identity.will.topic, payload: Buffer.from(identity.will.payload), qos: this.config.will.qos, retain: this.config.will.retain };
    }
    this.counts.setState(index, 'connecting');
    const client = mqtt.connect(options);
    device.client = client;
    // Nothing a broker does to one device may throw out of its handlers: it is counted, and the run goes on.
    client.on('connect', () => this.onConnect(device, edgeId));
    client.on('error', (error) => {
      this.counts.error(index, errorReason(error.message, device.clientId));
      if (!device.everConnected) this.counts.setState(index, 'failed');
    });
    client.on('close', () => {
      if (!this.running) return;
      if (device.everConnected) this.counts.setState(index, 'reconnecting');
      else if (this.counts.stateOf(index) === 'connecting') {
        this.counts.setState(index, 'failed');
        this.counts.error(index, msg('simulator.reason.closedBeforeConnack'));
      }
      if (device.edge && this.config.sparkplug && device.everConnected && this.counts.stateOf(index) === 'reconnecting') {
        // The next session has a bdSeq of its own, and its will must say so.
        device.edge.nextSession();
        if (client.options.will) client.options.will.payload = Buffer.from(device.edge.death());
      }
    });
    client.on('offline', () => {
      if (this.running && device.everConnected) this.counts.setState(index, 'reconnecting');
    });
    client.on('disconnect', (packet) => {
      this.counts.error(index, packet.reasonCode !== undefined ? msg('simulator.reason.disconnectCode', { code: String(packet.reasonCode) }) : msg('simulator.reason.disconnect'));
    });
  }

  private edgeId(index: number): string {
    const sparkplug = this.config.sparkplug;
    if (!sparkplug) return '';
    return deviceIdentity({ ...this.patterns, clientId: sparkplug.edge, willTopic: undefined, birthTopic: undefined }, index).clientId;
  }

  private onConnect(device: Device, edgeId: string): void {
    if (!this.running) return;
    device.everConnected = true;
    this.counts.setState(device.index, 'connected');
    const client = device.client;
    if (!client) return;
    const sparkplug = this.config.sparkplug;
    if (device.edge && sparkplug) {
      try {
        const values = readMetricValues(device.run.peek().payload);
        client.publish(edgeTopic(sparkplug.group, 'NBIRTH', edgeId), Buffer.from(device.edge.birth(values)), { qos: 0 }, (error) => this.onSent(device, error));
      } catch (error) {
        this.counts.error(device.index, error instanceof MetricsError ? error.text : (error as Error).message);
      }
    } else {
      const identity = deviceIdentity(this.patterns, device.index);
      if (identity.birth && this.config.birth) {
        client.publish(identity.birth.topic, identity.birth.payload, { qos: 1, retain: this.config.birth.retain }, (error) => this.onSent(device, error));
      }
    }
    // One loop per device for its whole run: a reconnect does not restart its numbering or its grid.
    if (device.loop || device.finished) return;
    device.loop = new SendLoop(
      { intervalMs: this.config.intervalMs, count: this.config.count, jitterMs: 0 },
      () => this.send(device, edgeId),
      () => this.onDeviceFinished(device),
      sleepingClock,
    );
    device.loop.start();
  }

  private send(device: Device, edgeId: string): void {
    const client = device.client;
    if (!client) return;
    // A device that is offline skips its turn rather than queueing a backlog it would flood out on reconnecting.
    if (!client.connected) {
      this.counts.failedSends++;
      return;
    }
    const message = device.run.take();
    const sparkplug = this.config.sparkplug;
    try {
      if (device.edge && sparkplug) {
        client.publish(edgeTopic(sparkplug.group, 'NDATA', edgeId), Buffer.from(device.edge.data(readMetricValues(message.payload))), { qos: 0 }, (error) => this.onSent(device, error));
      } else {
        client.publish(message.topic, message.payload, { qos: this.config.qos }, (error) => this.onSent(device, error));
      }
    } catch (error) {
      this.counts.failedSends++;
      this.counts.error(device.index, error instanceof MetricsError ? error.text : (error as Error).message);
    }
  }

  private onSent(device: Device, error: Error | undefined): void {
    if (error) {
      this.counts.failedSends++;
      this.counts.error(device.index, errorReason(error.message, device.clientId));
    } else this.counts.sent++;
  }

  private onDeviceFinished(device: Device): void {
    device.finished = true;
    this.finishedDevices++;
    if (this.finishedDevices === this.config.devices) this.onFinished();
  }

  private stopDevice(device: Device): Promise<void> {
    device.loop?.stop();
    const client = device.client;
    if (!client) return Promise.resolve();
    return new Promise<void>((done) => {
      const timer = setTimeout(() => {
        client.end(true, {}, () => done());
      }, STOP_LIMIT_MS);
      const finish = () => {
        clearTimeout(timer);
        done();
      };
      if (!client.connected) {
        client.end(true, {}, finish);
        return;
      }
      const sparkplug = this.config.sparkplug;
      if (device.edge && sparkplug) {
        // A clean stop announces the death itself (Sparkplug 3.0 §7.2): DISCONNECT would discard the will.
        client.publish(edgeTopic(sparkplug.group, 'NDEATH', this.edgeId(device.index)), Buffer.from(device.edge.death()), { qos: 0 });
      }
      client.end(false, {}, finish);
    });
  }
}

