import { createReadStream, createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * A pack file produced ahead of its turn: written to a temporary file while the ZIP is busy with
 * another entry; the function returned replays it from disk. Disk rather than memory, so a pack's
 * memory stays bounded whatever the campaign size.
 */
export async function spool(source: AsyncIterable<string | Buffer>, path: string): Promise<() => AsyncIterable<Buffer>> {
  await pipeline(Readable.from(source), createWriteStream(path));
  return () => createReadStream(path, { highWaterMark: 1 << 20 });
}
