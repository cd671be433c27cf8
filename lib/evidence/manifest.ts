import { z } from "zod";

// manifest.json: the integrity root of a pack. Its exact bytes are what manifest.sig signs.

export const MANIFEST_FORMAT = "rollcall-evidence-pack/1";

const fileEntry = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
  record_count: z.number().int().min(0).nullable(),
  description: z.string(),
});

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  pack_id: z.string(),
  workspace: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  scope: z.object({ kind: z.enum(["campaign", "period"]), campaign_id: z.string().nullable(), campaign_ids: z.array(z.string()) }),
  audit_period_start: z.string().nullable(),
  audit_period_end: z.string().nullable(),
  generated_at_utc: z.string(),
  time_source: z.string(),
  generator: z.object({ name: z.string(), version: z.string() }),
  frameworks: z.array(z.object({ id: z.string(), name: z.string(), version: z.string(), controls: z.array(z.string()) })),
  control_catalog: z.object({ schema_version: z.string(), generated_at: z.string() }),
  files: z.array(fileEntry),
  audit_chain: z.object({ first_seq: z.number().int().nullable(), head_seq: z.number().int().nullable(), head_hash: z.string().nullable(), anchor_prev_hash: z.string().nullable(), events: z.number().int() }),
  previous_pack: z.object({ id: z.string(), manifest_sha256: z.string().nullable() }).nullable(),
  signing_key: z.object({ id: z.string(), algorithm: z.literal("Ed25519"), fingerprint_sha256: z.string(), public_key_file: z.string() }),
  signature_file: z.string(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileEntry>;

/** The exact bytes that are signed and stored: pretty-printed JSON with a final newline. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
}
