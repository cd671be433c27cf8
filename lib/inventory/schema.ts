import { z } from "zod";
import { prefixedId } from "@/lib/ids";
import { CredentialKind, IdentityKind, SourceKind } from "@/prisma/generated/enums";
import { readDate } from "@/lib/inventory/formats/field-values";

export const identityIdParams = z.object({ id: prefixedId("idn") });
export const sourceIdParams = z.object({ id: prefixedId("src") });
export const syncParams = z.object({ id: prefixedId("src"), syncId: prefixedId("syn") });
export const uploadParams = z.object({ id: prefixedId("src"), uploadId: prefixedId("upl") });

/** The formats `rollcall import` and the upload dialog accept (lib/inventory/formats/registry.ts). */
export const formatNames = ["rollcall-csv", "rollcall-json", "aws-credential-report", "aws-authorization-details", "k8s", "github-pats"] as const;
export type FormatName = (typeof formatNames)[number];

const enumish = <T extends Record<string, string>>(values: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase().replaceAll("-", "_") : v),
    z.enum(values, { error: (issue) => `${issue.input === undefined ? "required value is missing" : `"${String(issue.input).toLowerCase()}" is not allowed`}; use one of ${Object.values(values).map((k) => k.toLowerCase()).join(", ")}` }),
  );

/** ISO 8601 date, or null / "" / "N/A" for none: the same reading as the CSV formats. */
const isoDate = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    const read = readDate(v ?? null);
    if (!read.ok) {
      ctx.addIssue({ code: "custom", message: read.reason });
      return z.NEVER;
    }
    return read.value;
  });

const required = { error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? "required value is missing" : "expected text") };
const text = (max: number) => z.string(required).trim().min(1, "required value is empty").max(max, `longer than ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

export const credentialInput = z.object({
  externalId: text(500),
  kind: enumish(CredentialKind),
  status: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.enum(["ACTIVE", "INACTIVE", "EXPIRED"])).default("ACTIVE"),
  createdAt: isoDate,
  lastRotatedAt: isoDate,
  expiresAt: isoDate,
  lastUsedAt: isoDate,
});

export const entitlementInput = z.object({
  name: text(500),
  resource: z.string().trim().min(1).max(1000).default("*"),
  /** set true to mark privileged / credential-minting beyond what Rollcall recognises by name */
  privileged: z.boolean().optional(),
  canMint: z.boolean().optional(),
  grantedAt: isoDate,
  grantedBy: optionalText(200),
});

/** One identity as our own JSON format and the push API take it (the README documents every field). */
export const identityInput = z.object({
  externalId: text(500),
  name: text(300),
  kind: enumish(IdentityKind),
  status: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.enum(["ACTIVE", "DISABLED"])).default("ACTIVE"),
  environment: optionalText(100),
  purpose: optionalText(1000),
  owner: z.object({ email: z.string().trim().toLowerCase().email().nullish(), team: optionalText(100) }).nullish(),
  createdAt: isoDate,
  createdBy: optionalText(200),
  lastUsedAt: isoDate,
  tags: z.record(z.string().max(200), z.string().max(500)).default({}),
  credentials: z.array(credentialInput).max(100).default([]),
  entitlements: z.array(entitlementInput).max(2000).default([]),
});
export type IdentityInput = z.infer<typeof identityInput>;

export const MAX_PUSH_IDENTITIES = 10_000;

/** `PUT /api/v1/sources/{id}/identities`: upsert (default) leaves absent identities alone; snapshot removes them. */
export const pushIdentitiesInput = z.object({
  mode: z.enum(["upsert", "snapshot"]).default("upsert"),
  identities: z.array(identityInput).min(1, "Send at least one identity").max(MAX_PUSH_IDENTITIES, `Send at most ${MAX_PUSH_IDENTITIES} identities per call`),
});
export type PushIdentitiesInput = z.infer<typeof pushIdentitiesInput>;

export const createSourceInput = z.object({
  name: z.string().trim().min(1, "Name the source").max(120),
  kind: z.enum(SourceKind),
  externalRef: z.string().trim().max(300).optional(),
});
export type CreateSourceInput = z.infer<typeof createSourceInput>;

/** Query of `POST /api/v1/sources/{id}/imports` (the body is the file itself). No transforms: the OpenAPI document renders it. */
export const uploadQuery = z.object({
  format: z.enum(formatNames).optional(),
  fileName: z.string().trim().min(1).max(255).default("upload"),
  /** start the import at once (CLI); otherwise the upload waits for a start call after the preview */
  start: z.enum(["1", "true", "0", "false"]).optional(),
  /** with start: snapshot (default) removes identities missing from the file; upsert keeps them */
  mode: z.enum(["snapshot", "upsert"]).optional(),
});
