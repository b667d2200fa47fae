// Runs in a sandboxed renderer, where `require` reaches only 'electron'; esbuild inlines the shared
// import below, so the built preload still requires nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { ipcChannels } from '../shared/bridge';
import type { MqttLabBridge } from '../shared/bridge';
import type { EventEnvelope, RequestResult } from '../shared/contract';

const bridge: MqttLabBridge = Object.freeze({
  invoke: (channel: string, input: unknown) =>
    ipcRenderer.invoke(ipcChannels.invoke, { channel, input }) as Promise<RequestResult<unknown>>,
  on: (listener: (envelope: EventEnvelope) => void) => {
    const forward = (_event: unknown, envelope: unknown) => listener(envelope as EventEnvelope);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
  pathForFile: (file: object) => webUtils.getPathForFile(file),
});

contextBridge.exposeInMainWorld('mqttLab', bridge);
