import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blockLines, lineBlocks } from "@/lib/events/line-blocks";

const dir = mkdtempSync(path.join(tmpdir(), "rollcall-line-blocks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lines(content: string | Buffer, readBytes: number) {
  const file = path.join(dir, `f${readBytes}-${Math.random()}`);
  writeFileSync(file, content);
  const blocks: Buffer[] = [];
  for await (const block of lineBlocks(file, readBytes)) blocks.push(Buffer.from(block));
  return { blocks, lines: blocks.flatMap((b) => [...blockLines(b)].map((l) => l.toString("utf8"))) };
}

describe("lineBlocks and blockLines: a file's lines read as bytes", () => {
  const content = 'first\r\n\n  {"a": 1}\t \nthis line is longer than a read\nlast, without a newline';

  it.each([3, 7, 64, 1 << 20])("gives the same lines whatever the read size (%i bytes)", async (readBytes) => {
    const { blocks, lines: got } = await lines(content, readBytes);
    expect(got).toEqual(["first", "", '{"a": 1}', "this line is longer than a read", "last, without a newline"]);
    // No line is split between blocks: every block but the last ends at a line break.
    for (const b of blocks.slice(0, -1)) expect(b.at(-1)).toBe(0x0a);
  });

  it("keeps multi-byte characters whole across reads", async () => {
    const { lines: got } = await lines("héllo wörld ✓\n€€€\n", 2);
    expect(got).toEqual(["héllo wörld ✓", "€€€"]);
  });

  it("reads an empty file as no lines, and a file of one newline as one blank line", async () => {
    expect((await lines("", 8)).lines).toEqual([]);
    expect((await lines("\n", 8)).lines).toEqual([""]);
  });
});
