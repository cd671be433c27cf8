// PostgreSQL's COPY text format for the events a file holds: fields escaped, lines written straight
// into bytes (a record's own JSON text goes in as the bytes the file held, escaped where it must be).

const SPECIAL = /[\\\n\r\t\0]/;

/** A value in COPY text format: NULL as \N, backslash and the separators escaped, NUL (which text cannot hold) as U+FFFD. */
export function copyField(v: string | null | undefined, max?: number): string {
  if (v === null || v === undefined) return "\\N";
  const s = max !== undefined && v.length > max ? v.slice(0, max) : v;
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\n\r\t\0]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : "\ufffd"));
}

const BACKSLASH = 0x5c;
/** Bytes COPY text gives a meaning to, each with the escape that stands for it (NUL, never valid in text, as U+FFFD). */
const ESCAPES = new Map<number, number[]>([
  [BACKSLASH, [BACKSLASH, BACKSLASH]],
  [0x0a, [BACKSLASH, 0x6e]],
  [0x0d, [BACKSLASH, 0x72]],
  [0x09, [BACKSLASH, 0x74]],
  [0x00, [0xef, 0xbf, 0xbd]],
]);

const hasSpecialByte = (b: Uint8Array) => {
  for (const byte of ESCAPES.keys()) if (b.indexOf(byte) !== -1) return true;
  return false;
};

/**
 * Lines of COPY text built back to back in one growing byte buffer; `take` hands over what was
 * written, in an ArrayBuffer of its own (transferable between threads), and starts again.
 */
export class CopyLines {
  /** Room for a batch like the last one (and some), so a batch rarely grows and its buffer is handed over as it is. */
  private capacity = 1 << 20;
  private buf = CopyLines.fresh(this.capacity);
  private at = 0;
  private ends: number[] = [];

  /** A buffer with an ArrayBuffer of its own (Buffer.allocUnsafe may share a pool), transferable once filled. */
  private static fresh(bytes: number): Buffer {
    return Buffer.from(new ArrayBuffer(bytes));
  }

  private room(bytes: number) {
    if (this.at + bytes <= this.buf.length) return;
    const bigger = CopyLines.fresh(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  /** Text already in COPY form (fields escaped). */
  text(s: string): void {
    this.room(s.length * 3);
    this.at += this.buf.write(s, this.at);
  }

  /** UTF-8 bytes as one field's value, escaped. */
  field(bytes: Uint8Array): void {
    if (!hasSpecialByte(bytes)) {
      this.room(bytes.length);
      this.buf.set(bytes, this.at);
      this.at += bytes.length;
      return;
    }
    this.room(bytes.length * 3);
    const buf = this.buf;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      const escape = byte <= BACKSLASH ? ESCAPES.get(byte) : undefined;
      if (escape) for (const e of escape) buf[this.at++] = e;
      else buf[this.at++] = byte;
    }
  }

  /** Ends the current line (its newline written); the line's end offset is kept for `take`. */
  endLine(): void {
    this.room(1);
    this.buf[this.at++] = 0x0a;
    this.ends.push(this.at);
  }

  /**
   * The lines written since the last take (a view of a buffer of their own, handed over without a
   * copy; the next lines go into a new one), and where each ends.
   */
  take(): { bytes: Uint8Array; ends: number[] } {
    const bytes = new Uint8Array(this.buf.buffer, 0, this.at);
    const ends = this.ends;
    this.capacity = Math.max(1 << 16, Math.ceil(this.at * 1.25));
    this.buf = CopyLines.fresh(this.capacity);
    this.at = 0;
    this.ends = [];
    return { bytes, ends };
  }
}
