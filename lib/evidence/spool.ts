import { createReadStream, createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * A pack file produced ahead of its turn: written to a temporary file while the ZIP is busy with
 * another entry, then replayed into the ZIP from disk. Disk rather than memory, so a pack's memory
 * stays bounded whatever the campaign size.
 */
export type Spooled = { path: string; chunks: () => AsyncIterable<Buffer> };

export async function spool(source: AsyncIterable<string | Buffer>, path: string): Promise<Spooled> {
  await pipeline(Readable.from(source), createWriteStream(path));
  return { path, chunks: () => createReadStream(path, { highWaterMark: 1 << 20 }) };
}
