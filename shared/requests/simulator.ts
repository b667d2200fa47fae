import { z } from 'zod';
import { SimulatorConfig } from '../domain/simulator';
import type { SimulatorStatus } from '../domain/simulator';

/** What the Simulator page shows: the run's counts, or none before the first run. */
export interface SimulatorState {
  status: SimulatorStatus | undefined;
  /** The run's broker, as the devices reach it. */
  target?: string;
}

/** Simulated devices, spread into `requests` in `contract.ts`. One run at a time. */
export const simulatorRequests = {
  'simulator.start': { input: z.object({ config: SimulatorConfig }), output: z.custom<SimulatorState>() },
  /** Every device sends DISCONNECT (a Sparkplug edge node its NDEATH first) and closes. */
  'simulator.stop': { input: z.object({}), output: z.custom<SimulatorState>() },
  'simulator.state': { input: z.object({}), output: z.custom<SimulatorState>() },
} as const;

export const simulatorEvents = {
  /** Twice a second while a run goes, and when it starts or stops. */
  'simulator.updated': z.custom<SimulatorState>(),
} as const;
