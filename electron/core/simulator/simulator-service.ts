import type { SimulatorConfig } from '../../../shared/domain/simulator';
import type { SimulatorState } from '../../../shared/requests/simulator';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import type { BrokerService } from '../broker/broker-service';
import type { EventBus } from '../event-bus';
import { Simulator, SimulatorError } from './simulator';
import type { SimulatorAddress } from './simulator';

const UPDATE_INTERVAL_MS = 500;

/** The app's one simulator run at a time: starts it on a broker address or the built-in broker, and reports its counts. */
export class SimulatorService {
  private simulator: Simulator | undefined;
  private target: string | undefined;
  private last: SimulatorState = { status: undefined };
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly broker: BrokerService,
  ) {}

  start(config: SimulatorConfig): SimulatorState {
    if (this.simulator?.status().running) throw new AppError('invalid_input', msg('simulator.error.running'));
    const address = this.address(config);
    let simulator: Simulator;
    try {
      simulator = new Simulator(config, address, () => void this.stop());
    } catch (error) {
      if (error instanceof SimulatorError) throw new AppError('invalid_input', error.text ?? error.message);
      throw error;
    }
    this.simulator = simulator;
    this.target = `${address.host}:${address.port}`;
    simulator.start();
    this.timer = setInterval(() => this.publish(), UPDATE_INTERVAL_MS);
    return this.publish();
  }

  async stop(): Promise<SimulatorState> {
    const simulator = this.simulator;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (!simulator) return this.last;
    if (!simulator.status().running) return this.publish();
    await simulator.stop();
    return this.publish();
  }

  state(): SimulatorState {
    return this.simulator ? this.current() : this.last;
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private address(config: SimulatorConfig): SimulatorAddress {
    if (config.broker.kind === 'address') return config.broker;
    if (this.broker.snapshot().state !== 'running') throw new AppError('broker_error', msg('simulator.error.brokerStopped'));
    const target = this.broker.target();
    return { ...target, protocolVersion: config.broker.protocolVersion };
  }

  private current(): SimulatorState {
    const state: SimulatorState = { status: this.simulator?.status() };
    if (this.target !== undefined) state.target = this.target;
    return state;
  }

  private publish(): SimulatorState {
    this.last = this.current();
    this.bus.emit('simulator.updated', this.last);
    return this.last;
  }
}
