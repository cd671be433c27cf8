import type { IngestConnection } from "@/lib/events/ingest-connection";
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from "@/lib/events/copy-binary";

/** Bytes start..end of a buffer of binary COPY fields (one row's, from its row id on). */
export type FieldRange = { fields: Buffer; start: number; end: number };

/** An event of a chunk as stored: what it matched, its row id and idempotency hash, and its binary COPY fields from the row id on. */
export type EventRow = { identityId: string | null; credentialId: string | null; id: string; hash: string; tail: FieldRange };

/**
 * The rows of a chunk to store: those whose key is not stored yet (nor repeated earlier in the chunk),
 * by index. Checked in the caller's transaction (held by `conn`'s session), which holds the
 * workspace's ingestion lock, so nobody stores the same key between this check and the COPY;
 * re-ingesting a file stores nothing.
 */
export async function newEventRows(conn: IngestConnection, rows: EventRow[]): Promise<Set<number>> {
  const fresh = new Set<number>();
  if (!rows.length) return fresh;
  // In key order: the index is then walked left to right (about a quarter faster than random order).
  const keys = [...new Set(rows.map((r) => r.hash))].sort();
  const existing = await conn.query<{ h: string }>(`SELECT "dedupeHash"::text AS h FROM "ActivityEvent" WHERE "dedupeHash" = ANY($1::uuid[])`, [keys]);
  const seen = new Set(existing.map((r) => r.h));
  rows.forEach((r, n) => {
    if (seen.has(r.hash)) return;
    seen.add(r.hash);
    fresh.add(n);
  });
  return fresh;
}

const COLUMNS = ["identityId", "credentialId", "id", "workspaceId", "format", "dedupeHash", "dedupeKey", "occurredAt", "kind", "principal", "action", "target", "sourceIp", "region", "userAgent", "outcome", "raw"];

/** A text field's bytes in binary COPY: its length (or -1 for NULL), then its UTF-8 bytes. */
const fieldSize = (v: string | null) => 4 + (v === null ? 0 : Buffer.byteLength(v));
function writeField(data: Buffer, at: number, v: string | null): number {
  if (v === null) return data.writeInt32BE(-1, at);
  const n = data.write(v, at + 4);
  data.writeInt32BE(n, at);
  return at + 4 + n;
}

/**
 * Writes the rows `fresh` names (from newEventRows) with one binary COPY, in the caller's
 * transaction: each row's field count and matched identity and credential, then its fields as the
 * parser prepared them.
 */
export async function copyEventRows(conn: IngestConnection, rows: EventRow[], fresh: Set<number>): Promise<void> {
  if (!fresh.size) return;
  let size = COPY_BINARY_HEADER.length + COPY_BINARY_TRAILER.length;
  for (const n of fresh) {
    const r = rows[n]!;
    size += 2 + fieldSize(r.identityId) + fieldSize(r.credentialId) + r.tail.end - r.tail.start;
  }
  const data = Buffer.allocUnsafe(size);
  let at = COPY_BINARY_HEADER.copy(data, 0);
  for (const n of fresh) {
    const r = rows[n]!;
    at = data.writeInt16BE(COLUMNS.length, at);
    at = writeField(data, at, r.identityId);
    at = writeField(data, at, r.credentialId);
    at += r.tail.fields.copy(data, at, r.tail.start, r.tail.end);
  }
  at += COPY_BINARY_TRAILER.copy(data, at);
  await conn.copy(`COPY "ActivityEvent" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) FROM STDIN (FORMAT binary)`, data);
}
