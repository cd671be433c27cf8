import { hash, randomBytes } from "node:crypto";
import type { NormalizedEvent } from "@/lib/events/types";
import type { IngestConnection } from "@/lib/events/ingest-connection";
import { copyField as field } from "@/lib/events/copy-text";

export type EventRow = { event: NormalizedEvent; identityId: string | null; credentialId: string | null };

/** The idempotency key: md5 of workspace and dedupe key, as a uuid (16 bytes in the unique index). */
export function dedupeHash(workspaceId: string, dedupeKey: string): string {
  const h = hash("md5", `${workspaceId}:${dedupeKey}`, "hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Event ids ordered by time of ingestion (like uuidv7): the primary key grows at its right edge instead of touching random pages. */
function eventIds(n: number): string[] {
  const ms = Date.now().toString(16).padStart(12, "0").slice(-12);
  const random = randomBytes(n * 10).toString("hex");
  return Array.from({ length: n }, (_, i) => `evt_${ms}${random.slice(i * 20, i * 20 + 20)}`);
}

/**
 * Stores a chunk of events in the caller's transaction (held by `conn`'s session): keys already stored
 * (or repeated earlier in the chunk) are skipped, which makes re-ingesting a file a no-op; the rest are
 * written with one COPY. The caller holds the workspace's ingestion lock, so nobody stores the same key
 * between the check and the COPY. Returns the stored id by row index, for the rows actually inserted.
 */
export async function insertEvents(conn: IngestConnection, workspaceId: string, format: string, rows: EventRow[], tails: Uint8Array[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!rows.length) return out;
  const hashes = rows.map((r) => dedupeHash(workspaceId, r.event.dedupeKey));
  const existing = await conn.query<{ h: string }>(`SELECT "dedupeHash"::text AS h FROM "ActivityEvent" WHERE "dedupeHash" = ANY($1::uuid[])`, [[...new Set(hashes)]]);
  const seen = new Set(existing.map((r) => r.h));
  const fresh: number[] = [];
  hashes.forEach((h, n) => {
    if (seen.has(h)) return;
    seen.add(h);
    fresh.push(n);
  });
  if (!fresh.length) return out;
  const ids = eventIds(fresh.length);
  // Each line: the matched columns (its head), then the tail's bytes as prepared. The heads are
  // encoded together, once; they are ASCII (generated ids, hashes, the format), so their character
  // and byte offsets agree — or, should one not be, the offsets are counted in bytes.
  let headEnds: number[] = [];
  let headText = "";
  fresh.forEach((n, i) => {
    const r = rows[n]!;
    out.set(n, ids[i]!);
    headText += `${ids[i]}\t${workspaceId}\t${field(format)}\t${field(r.identityId)}\t${field(r.credentialId)}\t${hashes[n]}\t`;
    headEnds.push(headText.length);
  });
  const heads = Buffer.from(headText);
  if (heads.length !== headText.length) {
    let end = 0;
    let start = 0;
    headEnds = headEnds.map((e) => (end += Buffer.byteLength(headText.slice(start, (start = e)))));
  }
  let size = heads.length;
  for (const n of fresh) size += tails[n]!.length;
  const data = Buffer.allocUnsafe(size);
  let at = 0;
  let headStart = 0;
  fresh.forEach((n, i) => {
    at += heads.copy(data, at, headStart, headEnds[i]);
    headStart = headEnds[i]!;
    data.set(tails[n]!, at);
    at += tails[n]!.length;
  });
  await conn.copy(
    `COPY "ActivityEvent" (id, "workspaceId", format, "identityId", "credentialId", "dedupeHash", "dedupeKey", "occurredAt", kind, principal, action, target, "sourceIp", region, "userAgent", outcome, raw) FROM STDIN`,
    data,
  );
  return out;
}
