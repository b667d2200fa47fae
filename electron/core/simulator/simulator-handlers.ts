import type { Router } from '../../ipc/router';
import type { SimulatorService } from './simulator-service';

export function registerSimulatorHandlers(router: Router, simulator: SimulatorService): void {
  router.handle('simulator.start', ({ config }) => simulator.start(config));
  router.handle('simulator.stop', () => simulator.stop());
  router.handle('simulator.state', () => simulator.state());
}
