import type { MessageRow } from '../../../shared/domain/message';

interface StoredMessage {
  row: MessageRow;
  payload: Uint8Array;
}

/**
 * Every message of one connection, with its raw payload bytes. Nothing is evicted here; the bounded,
 * columnar store with counted eviction is the work of the message-history issue.
 */
export class MessageStore {
  private messages: StoredMessage[] = [];
  /** Ids stay unique across a clear so a renderer never confuses an old row with a new one. */
  private firstId = 1;
  private nextId = 1;

  append(fields: Omit<MessageRow, 'id'>, payload: Uint8Array): MessageRow {
    const row: MessageRow = { id: this.nextId++, ...fields };
    this.messages.push({ row, payload });
    return row;
  }

  get size(): number {
    return this.messages.length;
  }

  get(id: number): StoredMessage | undefined {
    return this.messages[id - this.firstId];
  }

  rows(from: number, count: number): MessageRow[] {
    return this.messages.slice(from, from + count).map((message) => message.row);
  }

  clear(): void {
    this.messages = [];
    this.firstId = this.nextId;
  }
}
