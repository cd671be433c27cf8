import type { ParseResult, RowIssue } from "@/lib/inventory/formats/types";

export type PreviewRow = { line: number | null; externalId: string; name: string; kind: string; status: string; environment: string | null; owner: string | null; credentials: number; entitlements: number; privileged: boolean };
export type ImportPreview = { ok: boolean; rows: number; identities: number; sample: PreviewRow[]; errors: RowIssue[]; warnings: RowIssue[] };

/** What the upload dialog shows before an import starts: the first rows, or every error. */
export function importPreview(result: ParseResult, sampleSize = 10): ImportPreview {
  if (!result.ok) return { ok: false, rows: result.rows, identities: 0, sample: [], errors: result.errors, warnings: result.warnings };
  return {
    ok: true,
    rows: result.rows,
    identities: result.identities.length,
    sample: result.identities.slice(0, sampleSize).map((i) => ({
      line: i.line,
      externalId: i.externalId,
      name: i.name,
      kind: i.kind,
      status: i.status,
      environment: i.environment,
      owner: i.owner?.email ?? i.owner?.team ?? null,
      credentials: i.credentials.length,
      entitlements: i.entitlements.length,
      privileged: i.entitlements.some((e) => e.privileged),
    })),
    errors: [],
    warnings: result.warnings,
  };
}
