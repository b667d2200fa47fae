import { MAX_PAYLOAD_SLICE_BYTES } from '../../../../shared/domain/message';
import { base64ToBytes } from '../../../../shared/payload/preview';
import { api } from '../../../api';
import type { SchemaDecoded } from '../../../../shared/payload/schema-decoded';

/** What the hex and Base64 views fetch at a time as rows scroll into view. */
const PAGE_BYTES = 64 * 1024;
/** Pages kept; enough for a few screens either way, without holding a 100 MB payload twice. */
const MAX_PAGES = 64;

/**
 * One message's payload as the detail sees it: the head that `message.get` sent, pages of the rest
 * fetched on demand, and the whole payload once the user asks for it. Lives outside React; views
 * subscribe to its version.
 */
export class PayloadSource {
  private readonly pages = new Map<number, Uint8Array>();
  private readonly inFlight = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private whole: Uint8Array | undefined;
  private loading: Promise<Uint8Array> | undefined;
  /** What the last fetch threw, worded where it is shown. */
  error: unknown;
  /** Bytes of the whole payload fetched so far while loading it all, for a progress figure. */
  loadedBytes = 0;

  constructor(
    readonly connectionId: string,
    readonly messageId: number,
    readonly head: Uint8Array,
    readonly size: number,
    /** Sparkplug B or a mapped Protobuf type, decoded in the main process, which holds the schema. */
    readonly decoded?: SchemaDecoded,
  ) {
    if (head.byteLength >= size) this.whole = head;
  }

  /** The whole payload, when it is in hand: at once for a small payload, after `loadAll` for a large one. */
  get all(): Uint8Array | undefined {
    return this.whole;
  }

  get isLoadingAll(): boolean {
    return this.loading !== undefined && this.whole === undefined;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Bytes [offset, offset + length) if they are here; otherwise undefined, and `request` fetches them. */
  bytesAt(offset: number, length: number): Uint8Array | undefined {
    const end = Math.min(this.size, offset + length);
    if (this.whole) return this.whole.subarray(offset, end);
    if (end <= this.head.byteLength) return this.head.subarray(offset, end);
    const page = Math.floor(offset / PAGE_BYTES);
    if (Math.floor((end - 1) / PAGE_BYTES) !== page) return this.straddling(offset, end);
    const bytes = this.pages.get(page);
    return bytes?.subarray(offset - page * PAGE_BYTES, end - page * PAGE_BYTES);
  }

  /** Makes sure the pages covering [offset, offset + length) are fetched; listeners hear when they arrive. */
  request(offset: number, length: number): void {
    if (this.whole) return;
    const first = Math.floor(offset / PAGE_BYTES);
    const last = Math.floor((Math.min(this.size, offset + length) - 1) / PAGE_BYTES);
    for (let page = first; page <= last; page++) {
      if ((page + 1) * PAGE_BYTES <= this.head.byteLength || this.pages.has(page) || this.inFlight.has(page)) continue;
      this.inFlight.add(page);
      void this.fetchPage(page);
    }
  }

  /** Fetches every byte, a slice at a time; the views that need the whole payload call this on request. */
  loadAll(): Promise<Uint8Array> {
    if (this.whole) return Promise.resolve(this.whole);
    this.loading ??= this.fetchAll();
    this.changed();
    return this.loading;
  }

  private async fetchAll(): Promise<Uint8Array> {
    const bytes = new Uint8Array(this.size);
    bytes.set(this.head, 0);
    this.loadedBytes = this.head.byteLength;
    try {
      for (let offset = this.head.byteLength; offset < this.size; offset += MAX_PAYLOAD_SLICE_BYTES) {
        bytes.set(await this.fetchSlice(offset, MAX_PAYLOAD_SLICE_BYTES), offset);
        this.loadedBytes = Math.min(this.size, offset + MAX_PAYLOAD_SLICE_BYTES);
        this.changed();
      }
    } catch (error) {
      this.loading = undefined;
      this.error = error ?? new Error(String(error));
      this.changed();
      throw error;
    }
    this.whole = bytes;
    this.pages.clear();
    this.changed();
    return bytes;
  }

  private async fetchPage(page: number): Promise<void> {
    try {
      const bytes = await this.fetchSlice(page * PAGE_BYTES, PAGE_BYTES);
      if (this.pages.size >= MAX_PAGES) {
        // Maps iterate in insertion order: the first key is the page fetched longest ago.
        const oldest = this.pages.keys().next().value;
        if (oldest !== undefined) this.pages.delete(oldest);
      }
      this.pages.set(page, bytes);
    } catch (error) {
      this.error = error ?? new Error(String(error));
    } finally {
      this.inFlight.delete(page);
      this.changed();
    }
  }

  private async fetchSlice(offset: number, length: number): Promise<Uint8Array> {
    const slice = await api.invoke('message.payload', { connectionId: this.connectionId, messageId: this.messageId, offset, length });
    return base64ToBytes(slice.bytesBase64);
  }

  /** A row across a page boundary (Base64 rows of 57 bytes do not divide 64 KiB): joined from two pages. */
  private straddling(offset: number, end: number): Uint8Array | undefined {
    const joined = new Uint8Array(end - offset);
    for (let at = offset; at < end; ) {
      const page = Math.floor(at / PAGE_BYTES);
      const pageEnd = Math.min(end, (page + 1) * PAGE_BYTES);
      const part = pageEnd <= this.head.byteLength ? this.head.subarray(at, pageEnd) : this.pages.get(page)?.subarray(at - page * PAGE_BYTES, pageEnd - page * PAGE_BYTES);
      if (!part) return undefined;
      joined.set(part, at - offset);
      at = pageEnd;
    }
    return joined;
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
