import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFileInWorker } from "@/lib/events/parse-file";
import type { ParsedBatch } from "@/lib/events/parsed-batch";
import { cloudTrailFile, cloudTrailRecord } from "@/lib/events/cloudtrail-builder";
import { dedupeHash } from "@/lib/events/event-keys";

const dir = mkdtempSync(path.join(tmpdir(), "rollcall-parse-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ARN = "arn:aws:iam::111122223333:user/ci-deployer";
const WORKSPACE = "wsp_parse_file_test";

/** The binary COPY fields of event i of a batch (from its row id on): each as its bytes, or null for NULL. */
function fieldsOf(batch: ParsedBatch, i: number): (Buffer | null)[] {
  const bytes = Buffer.from(batch.tails.buffer, batch.tails.byteOffset + (i ? batch.tailEnds[i - 1]! : 0), batch.tailEnds[i]! - (i ? batch.tailEnds[i - 1]! : 0));
  const fields: (Buffer | null)[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = bytes.readInt32BE(at);
    at += 4;
    fields.push(n < 0 ? null : bytes.subarray(at, (at += n)));
  }
  return fields;
}
const text = (b: Buffer | null | undefined) => b?.toString("utf8") ?? null;

async function parse(name: string, text: string | Buffer) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const batches: ParsedBatch[] = [];
  for await (const batch of parseFileInWorker(file, "cloudtrail", WORKSPACE)) batches.push(batch);
  return batches;
}

describe("parseFileInWorker: a file's records parsed on a worker thread", () => {
  it("reads JSON lines in order, keeps each line's text as the raw record, and names unreadable lines", async () => {
    const records = Array.from({ length: 4500 }, (_, i) => cloudTrailRecord({ at: new Date(Date.UTC(2026, 10, 1) + i * 1000), arn: ARN }));
    const lines = records.map((r) => JSON.stringify(r));
    lines.splice(2, 0, "{not json", JSON.stringify({ eventName: "GetObject" }));
    const batches = await parse("trail.jsonl", `${lines.join("\n")}\n`);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.reduce((n, b) => n + b.records, 0)).toBe(4502);
    const events = batches.flatMap((b) => b.events);
    expect(batches.flatMap((b) => b.hashes)).toEqual(records.map((r) => dedupeHash(WORKSPACE, `cloudtrail:${r.eventID as string}`)));
    expect(events.map((e) => e.occurredAt)).toEqual(records.map((r) => new Date(r.eventTime as string)));
    // Key, outcome and raw record travel in the line only.
    for (const field of ["dedupeKey", "outcome", "raw"]) expect(events[0]).not.toHaveProperty(field);
    for (const b of batches) expect(b.tailEnds).toHaveLength(b.events.length);
    // The row's fields from the row id on: id, workspace, format, idempotency hash (uuid), dedupe key, time, kind, …, raw record.
    const b0 = batches[0]!;
    expect(b0.ids[0]).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(new Set(batches.flatMap((b) => b.ids)).size).toBe(4500);
    expect(b0.hashes[0]).toBe(dedupeHash(WORKSPACE, `cloudtrail:${records[0]!.eventID as string}`));
    const first = fieldsOf(b0, 0);
    expect(first).toHaveLength(15);
    expect(first.slice(0, 3).map(text)).toEqual([b0.ids[0], WORKSPACE, "cloudtrail"]);
    expect(first[3]!.toString("hex")).toBe(b0.hashes[0]!.replaceAll("-", ""));
    expect(text(first[4])).toBe(`cloudtrail:${records[0]!.eventID as string}`);
    expect(Number(first[5]!.readBigInt64BE()) / 1000 + Date.UTC(2000, 0, 1)).toBe(Date.UTC(2026, 10, 1));
    // kind, principal, action, target (NULL: none in the record), source IP, region, user agent, outcome
    expect(first.slice(6, 14).map(text)).toEqual(["API_CALL", ARN, "s3:GetObject", null, records[0]!.sourceIPAddress, "us-east-1", records[0]!.userAgent, "success"]);
    expect(text(first[14])).toBe(lines[0]);
    expect(batches.flatMap((b) => b.unknown)).toEqual([
      { at: "line 3", reason: expect.stringMatching(/^not JSON/) },
      { at: "line 4", reason: "missing or invalid eventTime" },
    ]);
  });

  it("stores each line's bytes as its raw record, escaped for COPY; bytes that are not UTF-8 as the text they read as", async () => {
    const record = (i: number, extra: Record<string, unknown>) => JSON.stringify({ ...cloudTrailRecord({ at: new Date(Date.UTC(2026, 10, 1, 0, i)), arn: ARN }), ...extra });
    const escapes = record(1, { requestParameters: { policyDocument: '{"Statement":[{"Effect":"Allow"}]}', path: "C:\\temp\\x", nul: "\u0000" } });
    const tabbed = record(2, {}).replace('"eventName":', '"eventName":\t');
    const accented = record(3, { requestParameters: { bucketName: "données-€-✓" } });
    const bad = Buffer.from(record(5, { requestParameters: { key: "ab" } }));
    bad[bad.indexOf('"ab"') + 1] = 0xff;
    const batches = await parse("escapes.jsonl", Buffer.concat([Buffer.from(`${escapes}\n${tabbed}\r\n${accented}\n`), bad, Buffer.from("\n")]));
    const b = batches[0]!;
    const raws = b.tailEnds.map((_, i) => text(fieldsOf(b, i).at(-1)!));
    // Nothing escaped in binary COPY: each raw record is the line's text itself.
    expect(raws).toEqual([escapes, tabbed, accented, bad.toString("utf8")]);
    expect(raws[3]).toContain("\ufffd");
  });

  it("reads a {\"Records\": […]} document whole, and fails on a file that is not there", async () => {
    const batches = await parse("trail.json", cloudTrailFile([cloudTrailRecord({ at: new Date(), arn: ARN })]));
    expect(batches.flatMap((b) => b.events.map((e) => e.action))).toEqual(["s3:GetObject"]);
    const missing = (async () => {
      for await (const batch of parseFileInWorker(path.join(dir, "absent.json"), "cloudtrail", WORKSPACE)) void batch;
    })();
    await expect(missing).rejects.toThrow(/ENOENT/);
  });
});
