import type { MqttLabBridge } from '../../shared/bridge';
import { createApiClient } from './client';
import { createElectronTransport } from './electron-transport';
import { createWebTransport, takeWebToken } from './web-transport';

declare global {
  interface Window {
    mqttLab?: MqttLabBridge;
  }
}

function pickTransport() {
  if (window.mqttLab) return createElectronTransport(window.mqttLab);
  const token = takeWebToken(window.location, window.sessionStorage, window.history) ?? '';
  const socketUrl = `ws://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  return createWebTransport(socketUrl, token);
}

/** The one client for the whole renderer; components never know which transport is underneath. */
export const api = createApiClient(pickTransport());
export { ApiError } from './client';
