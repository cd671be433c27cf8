import { z } from "zod";
import { Severity, TriggerKind, type FindingStatus } from "@/prisma/generated/enums";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Findings page filters, read from the URL (shareable); anything unreadable falls back to "all". */
export const findingsFilter = z.object({
  severity: z.preprocess(blankToUndefined, z.enum(Severity).optional()).catch(undefined),
  kind: z.preprocess(blankToUndefined, z.enum(TriggerKind).optional()).catch(undefined),
  status: z.preprocess(blankToUndefined, z.enum(["OPEN", "IN_REVIEW", "RESOLVED", "DISMISSED", "UNRESOLVED"] as const satisfies readonly (FindingStatus | "UNRESOLVED")[]).optional()).catch(undefined),
  identity: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type FindingsFilter = z.infer<typeof findingsFilter>;
