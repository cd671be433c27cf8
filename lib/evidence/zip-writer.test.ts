import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nativeCrc32, ZipWriter } from "@/lib/evidence/zip-writer";

const dir = mkdtempSync(path.join(tmpdir(), "rollcall-zip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ZipWriter", () => {
  it("checksums with zlib's CRC-32 through the module yazl calls, with yazl's meaning of a running CRC", () => {
    expect(nativeCrc32).toBe(true);
    const yazlsCrc = createRequire(createRequire(path.join(process.cwd(), "package.json")).resolve("yazl"))("buffer-crc32") as { unsigned: (b: Buffer, p?: number) => number };
    expect(yazlsCrc.unsigned(Buffer.from("123456789"))).toBe(0xcbf43926); // the CRC-32 check value
    expect(yazlsCrc.unsigned(Buffer.from("6789"), yazlsCrc.unsigned(Buffer.from("12345")))).toBe(0xcbf43926);
  });

  it("writes a ZIP whose every entry passes unzip's CRC test, streamed entries in many chunks included", async () => {
    const file = path.join(dir, "t.zip");
    const zip = new ZipWriter(file, new Date("2026-01-01T00:00:00Z"));
    const lines = Array.from({ length: 20_000 }, (_, i) => `row-${i},${"x".repeat(i % 97)}\n`);
    const streamed = await zip.add("big.csv", (async function* () {
      for (let i = 0; i < lines.length; i += 37) yield Buffer.from(lines.slice(i, i + 37).join(""));
    })());
    await zip.add("small.txt", "hello\n");
    await zip.finish();
    expect(streamed.bytes).toBe(Buffer.byteLength(lines.join("")));
    const tested = execFileSync("unzip", ["-t", file], { encoding: "utf8" });
    expect(tested).toMatch(/No errors detected/);
    expect(execFileSync("unzip", ["-p", file, "big.csv"], { encoding: "utf8", maxBuffer: 1 << 26 })).toBe(lines.join(""));
  });
});
