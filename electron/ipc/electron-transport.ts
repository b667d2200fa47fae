import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../shared/bridge';
import type { RequestResult } from '../../shared/contract';
import type { AppCore } from '../core/app-core';
import { isTrustedRendererUrl } from '../window-options';
import { english, msg } from '../../shared/i18n';

/** The Electron-facing pieces the transport needs, so this logic is testable without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown): void;
}
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Connects the router to ipcMain, refusing any frame that is not our own renderer. */
export function attachElectronTransport(core: AppCore, ipcMain: IpcMainLike, target: EventTarget): () => void {
  ipcMain.handle(ipcChannels.invoke, (event, request): Promise<RequestResult<unknown>> | RequestResult<unknown> => {
    if (!isTrustedRendererUrl(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'invalid_input', message: english('common.error.windowOnly'), text: msg('common.error.windowOnly') } };
    }
    const { channel, input } = (request ?? {}) as { channel?: unknown; input?: unknown };
    return core.router.dispatch(channel, input);
  });
  return core.bus.subscribe((envelope) => {
    if (!target.isDestroyed()) target.send(ipcChannels.event, envelope);
  });
}
