import { open } from "node:fs/promises";

/** How much of a file is read at a time. */
const READ_BYTES = 8 << 20;

/**
 * A file's bytes in blocks that each end at a line break (the last block: at the end of the file),
 * so no line is split between two blocks. A line longer than a read is carried until it ends.
 */
export async function* lineBlocks(file: string, readBytes = READ_BYTES): AsyncGenerator<Buffer> {
  const handle = await open(file, "r");
  try {
    let carry: Buffer | null = null;
    for (;;) {
      // The unfinished line of the previous read goes first, then the new bytes right after it.
      const held = carry?.length ?? 0;
      const chunk = Buffer.allocUnsafe(held + readBytes);
      if (carry) carry.copy(chunk, 0);
      const { bytesRead } = await handle.read(chunk, held, readBytes, null);
      if (bytesRead === 0) {
        if (carry?.length) yield carry;
        return;
      }
      const data = chunk.subarray(0, held + bytesRead);
      const lastBreak = data.lastIndexOf(0x0a);
      if (lastBreak === -1) {
        carry = data;
        continue;
      }
      carry = data.subarray(lastBreak + 1);
      yield data.subarray(0, lastBreak + 1);
    }
  } finally {
    await handle.close();
  }
}

const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;

/** The lines of a block without their surrounding spaces and tabs (\r\n and \n alike), blank lines included as empty. */
export function* blockLines(block: Buffer): Generator<Buffer> {
  let start = 0;
  while (start < block.length) {
    let end = block.indexOf(0x0a, start);
    if (end === -1) end = block.length;
    let s = start;
    let e = end;
    while (s < e && isSpace(block[s]!)) s++;
    while (e > s && isSpace(block[e - 1]!)) e--;
    yield block.subarray(s, e);
    start = end + 1;
  }
}
