/**
 * The slice of Electron's API this project uses, declared by hand.
 *
 * Why: the `electron` package is an optional dependency. Its installer needs Node ≥ 22.12 and
 * downloads a binary, so on machines where it is absent (like CI here) its typings are absent too,
 * yet the main-process code must still type-check. TypeScript resolves an ambient module before
 * node_modules, so this declaration is what every machine checks against; keep it faithful to
 * Electron's real signatures when adding to it.
 */
declare module 'electron' {
  interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    nodeIntegrationInWorker?: boolean;
    nodeIntegrationInSubFrames?: boolean;
    webSecurity?: boolean;
    allowRunningInsecureContent?: boolean;
    webviewTag?: boolean;
    navigateOnDragDrop?: boolean;
    spellcheck?: boolean;
    experimentalFeatures?: boolean;
  }

  interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    title?: string;
    show?: boolean;
    backgroundColor?: string;
    autoHideMenuBar?: boolean;
    webPreferences?: WebPreferences;
  }

  interface WebFrameMain {
    url: string;
  }

  interface IpcMainInvokeEvent {
    senderFrame: WebFrameMain | null;
  }

  interface HandlerDetails {
    url: string;
  }

  interface Event {
    preventDefault(): void;
  }

  interface WebContents {
    send(channel: string, ...args: unknown[]): void;
    isDestroyed(): boolean;
    on(event: 'will-navigate', listener: (event: Event, url: string) => void): this;
    on(event: 'will-attach-webview', listener: (event: Event) => void): this;
    setWindowOpenHandler(handler: (details: HandlerDetails) => { action: 'deny' } | { action: 'allow' }): void;
  }

  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    webContents: WebContents;
    loadURL(url: string): Promise<void>;
    show(): void;
    isDestroyed(): boolean;
    once(event: 'ready-to-show', listener: () => void): this;
    on(event: 'closed', listener: () => void): this;
  }

  type PathName =
    | 'home'
    | 'appData'
    | 'userData'
    | 'sessionData'
    | 'temp'
    | 'exe'
    | 'module'
    | 'desktop'
    | 'documents'
    | 'downloads'
    | 'music'
    | 'pictures'
    | 'videos'
    | 'recent'
    | 'logs'
    | 'crashDumps';

  interface App {
    whenReady(): Promise<void>;
    getVersion(): string;
    /** The system language as a BCP 47 tag, e.g. "zh-CN"; valid only after the ready event. */
    getLocale(): string;
    getPath(name: PathName): string;
    quit(): void;
    on(event: 'window-all-closed', listener: () => void): this;
    on(event: 'web-contents-created', listener: (event: Event, contents: WebContents) => void): this;
  }

  interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown): void;
  }

  interface IpcRendererEvent {
    sender: unknown;
  }

  interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
  }

  interface CustomScheme {
    scheme: string;
    privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; corsEnabled?: boolean; codeCache?: boolean };
  }

  interface Protocol {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  }

  interface SafeStorage {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
    /** Linux only. */
    getSelectedStorageBackend(): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
    /** Linux only: allow the hard-coded "basic_text" key when no keyring is available. */
    setUsePlainTextEncryption(usePlainText: boolean): void;
  }

  /** Preload only. The real parameter is a DOM File; the main-process code has no DOM types. */
  interface WebUtils {
    getPathForFile(file: object): string;
  }

  interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }

  export const app: App;
  export const ipcMain: IpcMain;
  export const ipcRenderer: IpcRenderer;
  export const protocol: Protocol;
  export const contextBridge: ContextBridge;
  export const safeStorage: SafeStorage;
  export const webUtils: WebUtils;
  export { BrowserWindow };
  export type { BrowserWindowConstructorOptions, WebPreferences, WebContents, IpcMainInvokeEvent };
}
