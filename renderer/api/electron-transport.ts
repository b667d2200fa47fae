import type { MqttLabBridge } from '../../shared/bridge';
import type { Transport } from './transport';
import { currentT } from '../i18n/use-t';

export function createElectronTransport(bridge: MqttLabBridge): Transport {
  return {
    request: (channel, input) => bridge.invoke(channel, input),
    onEvent: (listener) => bridge.on(listener),
    pathOfFile: async (file) => {
      // Electron answers '' for a file with no place on disk (dragged out of another app's memory).
      const path = bridge.pathForFile(file);
      if (path === '') throw new Error(currentT()('connections.link.notOnDisk', { name: file.name }));
      return path;
    },
  };
}
