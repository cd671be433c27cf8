import { z } from "zod";
import { prefixedId } from "@/lib/ids";
import { identityKinds } from "@/lib/campaigns/schema";

export const decisionKinds = ["ATTEST", "REVOKE", "REDUCE", "EXCEPTION", "REASSIGN"] as const;
export type DecisionChoice = (typeof decisionKinds)[number];

const DAY = 86_400_000;
/** The hard ceiling of any workspace policy (lib/workspaces/policy.ts caps exceptionMaxDays at 365). */
export const EXCEPTION_CEILING_DAYS = 365;
export const MIN_JUSTIFICATION = 10;

type DecideShape = {
  decision: DecisionChoice;
  justification?: string;
  exceptionUntil?: Date;
  removeEntitlementIds?: string[];
  newOwnerEmail?: string;
};

/**
 * What each decision needs beyond its shape. The policy maximum for exceptions and the justification
 * for keeping an item with high-severity findings depend on the workspace and the item, so
 * lib/reviews/rules.ts checks those; everything knowable from the input alone is checked here, once,
 * for the web form, the server action, the REST API and Slack.
 */
export function requireFieldsForDecision(input: DecideShape, ctx: z.RefinementCtx): void {
  const justification = input.justification ?? "";
  const needsWhy = input.decision === "EXCEPTION" || input.decision === "REASSIGN";
  if (needsWhy && justification.length < MIN_JUSTIFICATION) {
    ctx.addIssue({ code: "custom", path: ["justification"], message: `Say why (at least ${MIN_JUSTIFICATION} characters)` });
  }
  if (input.decision === "EXCEPTION") {
    if (!input.exceptionUntil) {
      ctx.addIssue({ code: "custom", path: ["exceptionUntil"], message: "Choose the date the exception ends" });
    } else if (input.exceptionUntil.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", path: ["exceptionUntil"], message: "The exception must end in the future" });
    } else if (input.exceptionUntil.getTime() > Date.now() + EXCEPTION_CEILING_DAYS * DAY) {
      ctx.addIssue({ code: "custom", path: ["exceptionUntil"], message: `An exception lasts at most ${EXCEPTION_CEILING_DAYS} days` });
    }
  }
  if (input.decision === "REDUCE" && !input.removeEntitlementIds?.length) {
    ctx.addIssue({ code: "custom", path: ["removeEntitlementIds"], message: "Choose at least one entitlement to remove" });
  }
  if (input.decision === "REASSIGN" && !input.newOwnerEmail) {
    ctx.addIssue({ code: "custom", path: ["newOwnerEmail"], message: "Name the owner by email" });
  }
}

export const decideInput = z.object({
  itemId: prefixedId("itm"),
  decision: z.enum(decisionKinds),
  justification: z.string().trim().max(2000).optional(),
  exceptionUntil: z.coerce.date().optional(),
  removeEntitlementIds: z.array(prefixedId("ent")).optional(),
  newOwnerEmail: z.string().email().optional(),
}).superRefine(requireFieldsForDecision);
export type DecideInput = z.infer<typeof decideInput>;

/** Keep several items at once; only items without risk findings are kept, the rest are skipped. */
export const bulkAttestInput = z.object({
  itemIds: z.array(prefixedId("itm")).min(1, "Select at least one item").max(500, "Keep at most 500 items at once"),
});
export type BulkAttestInput = z.infer<typeof bulkAttestInput>;

export const reviewItemIdParams = z.object({ id: prefixedId("itm") });
export const itemIdInput = z.object({ itemId: prefixedId("itm") });

/** Inbox filters, read from the URL (shareable); bad values fall back to "all". */
export const inboxFilter = z.object({
  campaign: prefixedId("cmp").optional().catch(undefined),
  kind: z.enum(identityKinds).optional().catch(undefined),
  due: z.enum(["overdue", "week"]).optional().catch(undefined),
  findings: z.enum(["with", "without"]).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});
export type InboxFilter = z.infer<typeof inboxFilter>;

/** An out-of-office delegation: reviews assigned to the person may also be decided by the delegate. */
export const createDelegationInput = z.object({
  delegateEmail: z.string().email(),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
}).refine((d) => d.endsAt > d.startsAt, { path: ["endsAt"], message: "The delegation must end after it starts" });
export type CreateDelegationInput = z.infer<typeof createDelegationInput>;

/** GET /api/v1/reviews: the inbox filters plus a page number. */
export const listReviewsQuery = inboxFilter.extend({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
