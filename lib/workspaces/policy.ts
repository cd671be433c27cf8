import { z } from "zod";

/** The workspace review policy (DESIGN.md §3); stored as JSON on Workspace.policy and parsed on read. */
export const workspacePolicy = z.object({
  reviewFrequencyDays: z.object({ high: z.number().int().min(1), medium: z.number().int().min(1), low: z.number().int().min(1) }).default({ high: 90, medium: 180, low: 365 }),
  dormancyDays: z.number().int().min(1).default(90),
  maxCredentialAgeDays: z.number().int().min(1).default(90),
  exceptionMaxDays: z.number().int().min(1).max(365).default(90),
  remediationSlaDays: z.number().int().min(1).default(7),
  defaultOnNoResponse: z.enum(["REVOKE", "KEEP", "ESCALATE_ONLY"]).default("ESCALATE_ONLY"),
});
export type WorkspacePolicy = z.infer<typeof workspacePolicy>;

export const defaultPolicy = (): WorkspacePolicy => workspacePolicy.parse({});
