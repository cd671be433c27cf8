import { StringDecoder } from "node:string_decoder";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import yauzl from "yauzl";
import { checkLinks } from "@/lib/audit/chain";
import { manifestSchema, type Manifest } from "@/lib/evidence/manifest";
import { fingerprintOf, verifyBytes } from "@/lib/signing/key-material";

// Offline verification of a pack (no database): the signature over manifest.json, every file's hash,
// size and record count, no unlisted files, and the audit hash chain line by line. Used by
// `rollcall evidence verify` and the tests.

export type VerifyProblem = { file: string | null; message: string };
export type VerifyReport = {
  ok: boolean; packId: string | null; fingerprint: string | null; filesChecked: number; auditEvents: number; problems: VerifyProblem[];
};

type Zip = { entries: Map<string, yauzl.Entry>; duplicates: string[]; open: (e: yauzl.Entry) => Promise<Readable>; close: () => void };

function openZip(file: string): Promise<Zip> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("cannot open zip"));
      const entries = new Map<string, yauzl.Entry>();
      const duplicates: string[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entries.has(entry.fileName)) duplicates.push(entry.fileName);
        if (!entry.fileName.endsWith("/")) entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on("end", () => resolve({
        entries, duplicates,
        open: (e) => new Promise((res, rej) => zip.openReadStream(e, (err, stream) => (err || !stream ? rej(err ?? new Error("unreadable entry")) : res(stream)))),
        close: () => zip.close(),
      }));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

async function readAll(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

type Measured = { sha256: string; bytes: number; records: number | null; chain?: ChainResult };
type ChainResult = { events: number; problem: string | null; lastSeq: number | null; lastHash: string | null };

/** Hashes one entry while counting its records the way its format defines them. */
async function measure(stream: Readable, path: string, manifest: Manifest): Promise<Measured> {
  const hash = createHash("sha256");
  let bytes = 0;
  const tapped = (async function* () {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  })();
  let records: number | null = null;
  let chain: ChainResult | undefined;
  if (path.endsWith(".csv")) {
    const parser = parse({ bom: false });
    let rows = 0;
    const counting = (async () => { for await (const _ of parser) rows++; })();
    try {
      for await (const chunk of tapped) if (!parser.write(chunk)) await new Promise((r) => parser.once("drain", r));
      parser.end();
      await counting;
      records = Math.max(0, rows - 1);
    } catch (error) {
      parser.destroy();
      await counting.catch(() => undefined);
      for await (const _ of tapped) void _;
      throw new Error(`not a valid CSV (${error instanceof Error ? error.message : String(error)})`);
    }
  } else if (path === "audit-log.jsonl") {
    chain = await checkAuditLines(tapped, manifest);
    records = chain.events;
  } else if (path.endsWith(".jsonl") || path === "SHA256SUMS") {
    let lines = 0;
    for await (const chunk of tapped) for (const b of chunk) if (b === 10) lines++;
    records = lines;
  } else if (path.endsWith(".json")) {
    const parsed = JSON.parse((await readAll(tapped)).toString("utf8")) as { sources?: unknown[] };
    records = Array.isArray(parsed.sources) ? parsed.sources.length : null;
  } else {
    for await (const _ of tapped) void _;
  }
  return { sha256: hash.digest("hex"), bytes, records, chain };
}

/** Re-verifies the audit lines as a chain, starting from the anchor the signed manifest records. */
async function checkAuditLines(chunks: AsyncIterable<Buffer>, manifest: Manifest): Promise<ChainResult> {
  const a = manifest.audit_chain;
  let cursor = a.first_seq !== null && a.anchor_prev_hash !== null ? { seq: a.first_seq - 1, hash: a.anchor_prev_hash } : null;
  let events = 0;
  let problem: string | null = null;
  let rest = "";
  const take = (line: string) => {
    events++;
    if (problem) return;
    let link;
    try {
      const parsed = JSON.parse(line) as { at: string };
      link = { ...parsed, at: new Date(parsed.at) } as unknown as Parameters<typeof checkLinks>[0][number];
    } catch {
      problem = `line ${events} is not valid JSON`;
      return;
    }
    if (!cursor) {
      problem = "the manifest records no audit events, but the log has lines";
      return;
    }
    const result = checkLinks([link], cursor);
    if ("broken" in result) problem = result.broken.reason;
    else cursor = result.next;
  };
  const utf8 = new StringDecoder("utf8"); // a multi-byte character may straddle two chunks
  for await (const chunk of chunks) {
    const text = rest + utf8.write(chunk);
    const lines = text.split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line) take(line);
  }
  rest += utf8.end();
  if (rest) take(rest);
  if (!problem && cursor && a.head_seq !== null && (cursor.seq !== a.head_seq || cursor.hash !== a.head_hash)) {
    problem = `the log ends at event #${cursor.seq}, but the manifest's chain head is event #${a.head_seq}`;
  }
  return { events, problem, lastSeq: cursor?.seq ?? null, lastHash: cursor?.hash ?? null };
}

export async function verifyPack(zipPath: string, options: { expectedFingerprint?: string } = {}): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const report = (manifest: Manifest | null, fingerprint: string | null, filesChecked = 0, auditEvents = 0): VerifyReport =>
    ({ ok: problems.length === 0, packId: manifest?.pack_id ?? null, fingerprint, filesChecked, auditEvents, problems });
  let zip: Zip;
  try {
    zip = await openZip(zipPath);
  } catch (error) {
    problems.push({ file: null, message: `not a readable ZIP: ${error instanceof Error ? error.message : String(error)}` });
    return report(null, null);
  }
  try {
    for (const d of zip.duplicates) problems.push({ file: d, message: "appears more than once in the ZIP" });
    const need = async (name: string) => {
      const entry = zip.entries.get(name);
      if (!entry) return null;
      return readAll(await zip.open(entry));
    };
    const [manifestRaw, sig, pem] = [await need("manifest.json"), await need("manifest.sig"), await need("signing-key.pem")];
    if (!manifestRaw || !sig || !pem) {
      for (const [n, v] of [["manifest.json", manifestRaw], ["manifest.sig", sig], ["signing-key.pem", pem]] as const) if (!v) problems.push({ file: n, message: "is missing" });
      return report(null, null);
    }
    let fingerprint: string | null = null;
    try {
      fingerprint = fingerprintOf(pem.toString("utf8"));
    } catch {
      problems.push({ file: "signing-key.pem", message: "is not a valid public key" });
      return report(null, null);
    }
    if (!verifyBytes(pem.toString("utf8"), manifestRaw, sig)) problems.push({ file: "manifest.sig", message: "the signature does not match manifest.json and signing-key.pem" });
    if (options.expectedFingerprint && options.expectedFingerprint.toLowerCase().replace(/[^0-9a-f]/g, "") !== fingerprint) {
      problems.push({ file: "signing-key.pem", message: `the key's fingerprint ${fingerprint} is not the expected ${options.expectedFingerprint}` });
    }
    let manifest: Manifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(manifestRaw.toString("utf8")));
    } catch (error) {
      problems.push({ file: "manifest.json", message: `is not a valid Rollcall manifest (${error instanceof Error ? error.message.slice(0, 200) : "parse error"})` });
      return report(null, fingerprint);
    }
    if (manifest.signing_key.fingerprint_sha256 !== fingerprint) problems.push({ file: "signing-key.pem", message: "is not the key the manifest names" });
    let auditEvents = 0;
    for (const f of manifest.files) {
      const entry = zip.entries.get(f.path);
      if (!entry) {
        problems.push({ file: f.path, message: "is listed in the manifest but missing from the ZIP" });
        continue;
      }
      let m: Measured;
      try {
        m = await measure(await zip.open(entry), f.path, manifest);
      } catch (error) {
        problems.push({ file: f.path, message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (m.sha256 !== f.sha256) problems.push({ file: f.path, message: `SHA-256 is ${m.sha256}, the manifest says ${f.sha256} (the file was changed)` });
      if (m.bytes !== f.bytes) problems.push({ file: f.path, message: `is ${m.bytes} bytes, the manifest says ${f.bytes}` });
      if (f.record_count !== null && m.records !== f.record_count) problems.push({ file: f.path, message: `has ${m.records} records, the manifest says ${f.record_count}` });
      if (m.chain) {
        auditEvents = m.chain.events;
        if (m.chain.problem) problems.push({ file: f.path, message: `audit chain broken: ${m.chain.problem}` });
      }
    }
    const listed = new Set([...manifest.files.map((f) => f.path), "manifest.json", "manifest.sig"]);
    for (const name of zip.entries.keys()) if (!listed.has(name)) problems.push({ file: name, message: "is in the ZIP but not in the manifest" });
    return report(manifest, fingerprint, manifest.files.length, auditEvents);
  } finally {
    zip.close();
  }
}
