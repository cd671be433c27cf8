import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { crc32 } from "node:zlib";
import yazl from "yazl";

type Crc32Module = { unsigned: (data: Buffer | string, previous?: number | Buffer) => number };

/**
 * yazl checksums every entry with buffer-crc32, a byte-at-a-time JavaScript loop that cost more CPU
 * than anything else in Node while writing a large pack. Node's zlib has the same CRC-32 (IEEE) built
 * in, and yazl looks `unsigned` up on that module at each call: pointing it at zlib's makes it native.
 * The module is found the way yazl finds it (its CommonJS copy, next to yazl). Where that fails (a
 * bundle), yazl keeps its own, which is correct, only slower. zip-writer.test.ts checks both.
 */
function useNativeCrc32(): boolean {
  try {
    const fromRoot = createRequire(path.join(process.cwd(), "package.json"));
    const module = createRequire(fromRoot.resolve("yazl"))("buffer-crc32") as Crc32Module;
    module.unsigned = (data, previous) => crc32(data, Buffer.isBuffer(previous) ? previous.readUInt32BE(0) : (previous ?? 0));
    return true;
  } catch {
    return false;
  }
}
export const nativeCrc32 = useNativeCrc32();

export type WrittenFile = { sha256: string; bytes: number };

/**
 * Deflate level of the streamed (large) entries. Deflate was the largest single cost of a 250,000-item
 * pack at zlib's default 6. Node's zlib (Chromium's) is fastest at level 2 on the pack's CSV and JSONL,
 * faster even than level 1 and a little smaller: 143 MB of audit JSONL in 0.99 s (level 1: 1.27 s,
 * level 6: 1.76 s), 343 MB of review-item CSV in 1.33 s (1: 2.16 s, 6: 2.63 s), about 10% larger
 * than level 6. Small entries keep the default.
 */
export const STREAMED_DEFLATE_LEVEL = 2;

/**
 * A ZIP written as a stream to disk (yazl, deflate by zlib): each entry is pulled from its source only
 * as fast as the file is written, and hashed on the way in. Entries are added one after another.
 */
export class ZipWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly written: Promise<WrittenFile>;

  constructor(path: string, private readonly mtime: Date) {
    const hash = createHash("sha256");
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    this.written = pipeline(this.zip.outputStream, tap, createWriteStream(path)).then(() => ({ sha256: hash.digest("hex"), bytes }));
    this.written.catch(() => undefined); // observed by finish(); avoids an unhandled rejection on abort
  }

  /** Adds one entry from bytes or a stream of chunks; resolves with the entry's own sha256 and size once it is consumed. */
  async add(name: string, source: Uint8Array | string | AsyncIterable<Uint8Array | string>): Promise<WrittenFile> {
    const hash = createHash("sha256");
    if (typeof source === "string" || source instanceof Uint8Array) {
      const buf = Buffer.from(source);
      this.zip.addBuffer(buf, name, { mtime: this.mtime });
      return { sha256: hash.update(buf).digest("hex"), bytes: buf.length };
    }
    let bytes = 0;
    const stream = Readable.from((async function* () {
      for await (const chunk of source) {
        const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (buf.length === 0) continue;
        hash.update(buf);
        bytes += buf.length;
        yield buf;
      }
    })());
    await new Promise<void>((resolve, reject) => {
      stream.once("end", resolve);
      stream.once("error", reject);
      this.zip.addReadStream(stream, name, { mtime: this.mtime, compressionLevel: STREAMED_DEFLATE_LEVEL });
    });
    return { sha256: hash.digest("hex"), bytes };
  }

  async finish(): Promise<WrittenFile> {
    this.zip.end();
    return this.written;
  }

  abort(): void {
    (this.zip.outputStream as Readable).destroy();
  }
}
