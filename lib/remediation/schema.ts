import { z } from "zod";
import { prefixedId } from "@/lib/ids";

export const markRemediationDoneInput = z.object({
  taskId: prefixedId("rem"),
  ticketRef: z.string().trim().min(2, "Give the ticket or change reference").max(200),
});
export type MarkRemediationDoneInput = z.infer<typeof markRemediationDoneInput>;

export const configureRemediationWebhookInput = z.object({
  url: z.string().url("Enter the full https:// URL").refine((u) => /^https?:\/\//.test(u), "Use an http(s) URL").nullable(),
  secret: z.string().min(16, "Use a secret of at least 16 characters").max(200).optional(),
});
export type ConfigureRemediationWebhookInput = z.infer<typeof configureRemediationWebhookInput>;

/** Why a REVOKE/REDUCE cannot be (or was not) verified by a sync; read by the evidence pack's control rules. */
export const explainRemediationInput = z.object({
  taskId: prefixedId("rem"),
  explanation: z.string().trim().min(10, "Explain in at least 10 characters why this cannot be verified").max(2000, "Keep the explanation under 2000 characters"),
});
export type ExplainRemediationInput = z.infer<typeof explainRemediationInput>;
