import { z } from "zod";
import { EventKind, IdentityKind } from "@/prisma/generated/enums";
import type { EventFormatSpec, NormalizeOutcome, PrincipalRef } from "@/lib/events/types";
import { contentHash } from "@/lib/events/formats/fields";
import { jsonRecords } from "@/lib/events/formats/read-records";
import { zodIssues } from "@/lib/http-errors";

/**
 * Rollcall's own normalized event, one JSON object per line (documented in the README). Anything a
 * script can produce from a log we do not parse natively.
 */
export const normalizedEventLine = z.object({
  id: z.string().trim().min(1).max(200).optional(),
  time: z.iso.datetime({ offset: true }),
  kind: z.enum(EventKind).default("API_CALL"),
  principal: z.string().trim().min(1).max(500).optional(),
  credential: z.string().trim().min(1).max(200).optional(),
  principalName: z.string().trim().min(1).max(200).optional(),
  principalKind: z.enum(IdentityKind).default("SERVICE_ACCOUNT"),
  human: z.boolean().default(false),
  actorEmail: z.email().optional(),
  subject: z.string().trim().min(1).max(500).optional(),
  subjectCredential: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(200),
  target: z.string().max(1000).optional(),
  sourceIp: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  userAgent: z.string().max(1000).optional(),
  outcome: z.string().max(200).optional(),
  environment: z.string().max(100).optional(),
  permission: z.string().max(500).optional(),
}).refine((e) => e.principal || e.credential, { message: "principal or credential is required", path: ["principal"] });

export function normalizeJsonl(record: unknown): NormalizeOutcome {
  const parsed = normalizedEventLine.safeParse(record);
  if (!parsed.success) return { status: "unknown", reason: zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`).join("; ") };
  const e = parsed.data;
  const principal: PrincipalRef = {
    credentialId: e.credential, credentialKind: e.credential ? "TOKEN" : undefined,
    externalIds: e.principal ? [e.principal] : [], name: e.principalName ?? e.principal ?? e.credential!, kind: e.principalKind, human: e.human,
    email: e.actorEmail?.toLowerCase(),
  };
  const subject: PrincipalRef | null = e.subject || e.subjectCredential
    ? { credentialId: e.subjectCredential, credentialKind: e.subjectCredential ? "TOKEN" : undefined, externalIds: e.subject ? [e.subject] : [], name: e.subject ?? e.subjectCredential!, kind: e.principalKind, human: false }
    : null;
  return {
    status: "event",
    event: {
      dedupeKey: `jsonl:${e.id ?? contentHash(record)}`,
      occurredAt: new Date(e.time),
      kind: e.kind,
      principal,
      subject,
      action: e.action,
      target: e.target ?? null,
      sourceIp: e.sourceIp ?? null,
      region: e.region ?? null,
      userAgent: e.userAgent ?? null,
      outcome: e.outcome ?? "success",
      context: e.environment ?? null,
      detail: { permission: e.permission, credentialId: e.subjectCredential ?? (e.kind.startsWith("CREDENTIAL_") ? e.credential : undefined), environment: e.environment },
      raw: record,
    },
  };
}

export const jsonl: EventFormatSpec = {
  name: "jsonl",
  logName: "imported events",
  sourceKind: "GENERIC",
  records: (text) => jsonRecords(text, []),
  normalize: normalizeJsonl,
};
