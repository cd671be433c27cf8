import type { Tx } from "@/lib/db";
import type { NormalizedEvent } from "@/lib/events/types";

export type EventRow = { event: NormalizedEvent; identityId: string | null; credentialId: string | null };

/**
 * jsonb refuses NUL characters and unpaired UTF-16 surrogates; a log line carrying one is stored with it
 * replaced (U+FFFD) rather than failing its whole chunk.
 */
export function jsonbSafe(json: string): string {
  if (!json.includes("\\u")) return json;
  return json
    .replaceAll("\\u0000", "\\ufffd")
    .replace(/\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})/g, "\\ufffd")
    .replace(/(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/g, "\\ufffd");
}
const principalLabel = (e: NormalizedEvent) => (e.principal ? (e.principal.externalIds[0] ?? e.principal.credentialId ?? e.principal.name) : "(none)");

/**
 * One INSERT for a whole chunk; rows whose (workspaceId, dedupeKey) already exists are skipped by the
 * database, which makes re-ingesting a file a no-op. Returns the ids of the rows actually inserted.
 */
export async function insertEvents(tx: Tx, workspaceId: string, format: string, rows: EventRow[]): Promise<Map<string, string>> {
  if (!rows.length) return new Map();
  const cut = (v: string | null, n: number) => (v && v.length > n ? v.slice(0, n) : v);
  // One JSON document for the whole chunk: a single parameter is far cheaper to bind than thirteen
  // arrays of thousands of elements, and PostgreSQL reads it back with jsonb_to_recordset.
  const j = (v: unknown) => {
    const text = JSON.stringify(v ?? null);
    return text.includes("\\u") ? jsonbSafe(text) : text;
  };
  const payload = `[${rows.map((r) => {
    const e = r.event;
    return `{"i":${j(r.identityId)},"c":${j(r.credentialId)},"k":${j(e.dedupeKey)},"t":"${e.occurredAt.toISOString()}","n":"${e.kind}","p":${j(cut(principalLabel(e), 500))},` +
      `"a":${j(cut(e.action, 300))},"g":${j(cut(e.target, 1000))},"s":${j(cut(e.sourceIp, 100))},"r":${j(cut(e.region, 100))},"u":${j(cut(e.userAgent, 1000))},"o":${j(cut(e.outcome, 300))},"w":${j(e.raw)}}`;
  }).join(",")}]`;
  const inserted = await tx.$queryRawUnsafe<{ id: string; dedupeKey: string }[]>(
    `INSERT INTO "ActivityEvent" ("workspaceId", format, "identityId", "credentialId", "dedupeKey", "occurredAt", kind, principal, action, target, "sourceIp", region, "userAgent", outcome, raw)
     SELECT $1, $2, x.i, x.c, x.k, x.t, x.n::"EventKind", x.p, x.a, x.g, x.s, x.r, x.u, x.o, x.w
     FROM jsonb_to_recordset($3::jsonb) AS x(i text, c text, k text, t timestamptz, n text, p text, a text, g text, s text, r text, u text, o text, w jsonb)
     ON CONFLICT ("workspaceId", "dedupeKey") DO NOTHING
     RETURNING id, "dedupeKey"`,
    workspaceId, format, payload,
  );
  return new Map(inserted.map((r) => [r.dedupeKey, r.id]));
}
