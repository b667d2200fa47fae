import type { MqttLabBridge } from '../../shared/bridge';
import type { Transport } from './transport';

export function createElectronTransport(bridge: MqttLabBridge): Transport {
  return {
    request: (channel, input) => bridge.invoke(channel, input),
    onEvent: (listener) => bridge.on(listener),
    pathOfFile: async (file) => bridge.pathForFile(file),
  };
}
