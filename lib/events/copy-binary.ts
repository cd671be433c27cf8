// PostgreSQL's binary COPY format for the events a file holds: each row a field count, then each
// field as its length and bytes (NULL as length -1). Nothing is escaped and the server parses no
// text: a record's own JSON line goes in as the bytes the file held. Text can hold no NUL, so a NUL
// is stored as U+FFFD, as the text format did.

/** The file header: signature, flags, header extension length. */
export const COPY_BINARY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
/** The file trailer: a field count of -1. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const PG_EPOCH_MS = 946_684_800_000;

/** A text value as stored: cut to `max` characters, NUL as U+FFFD; null stays null. */
export function copyText(v: string | null | undefined, max?: number): string | null {
  if (v === null || v === undefined) return null;
  const s = max !== undefined && v.length > max ? v.slice(0, max) : v;
  return s.includes("\0") ? s.replaceAll("\0", "\ufffd") : s;
}

/**
 * Fields of binary COPY rows built back to back in one growing buffer (a row's field count and its
 * first fields may be written by someone else); `take` hands over what was written (a view of a
 * buffer of its own, transferable between threads, without a copy) and starts a new one.
 */
export class CopyRows {
  /** Room for a batch like the last one (and some), so a batch rarely grows. */
  private capacity = 1 << 20;
  private buf = CopyRows.fresh(this.capacity);
  private at = 0;
  private ends: number[] = [];

  /** A buffer with an ArrayBuffer of its own (Buffer.allocUnsafe may share a pool). */
  private static fresh(bytes: number): Buffer {
    return Buffer.from(new ArrayBuffer(bytes));
  }

  private room(bytes: number) {
    if (this.at + bytes <= this.buf.length) return;
    const bigger = CopyRows.fresh(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  /** A text field (already cut and cleaned by copyText), or NULL. */
  text(s: string | null): void {
    if (s === null) {
      this.room(4);
      this.at = this.buf.writeInt32BE(-1, this.at);
      return;
    }
    this.room(4 + s.length * 3);
    const written = this.buf.write(s, this.at + 4);
    this.buf.writeInt32BE(written, this.at);
    this.at += 4 + written;
  }

  /** A text field given as its UTF-8 bytes (valid UTF-8 without NUL: the caller checks). */
  utf8(bytes: Uint8Array): void {
    this.room(4 + bytes.length);
    this.at = this.buf.writeInt32BE(bytes.length, this.at);
    this.buf.set(bytes, this.at);
    this.at += bytes.length;
  }

  /** A timestamptz field. */
  timestamp(d: Date): void {
    this.room(12);
    this.at = this.buf.writeInt32BE(8, this.at);
    this.at = this.buf.writeBigInt64BE(BigInt(d.getTime() - PG_EPOCH_MS) * 1000n, this.at);
  }

  /** A uuid field from its text form. */
  uuid(text: string): void {
    this.room(20);
    this.at = this.buf.writeInt32BE(16, this.at);
    this.at += this.buf.write(text.replaceAll("-", ""), this.at, "hex");
  }

  /** Ends the current row; its end offset is kept for `take`. */
  endRow(): void {
    this.ends.push(this.at);
  }

  /** The rows written since the last take, and where each ends. */
  take(): { bytes: Uint8Array; ends: number[] } {
    const bytes = new Uint8Array(this.buf.buffer, 0, this.at);
    const ends = this.ends;
    this.capacity = Math.max(1 << 16, Math.ceil(this.at * 1.25));
    this.buf = CopyRows.fresh(this.capacity);
    this.at = 0;
    this.ends = [];
    return { bytes, ends };
  }
}
