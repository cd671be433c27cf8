import { z } from "zod";
import { prefixedId } from "@/lib/ids";

export const identityKinds = ["SERVICE_ACCOUNT", "API_KEY", "OAUTH_APP", "TOKEN", "CERTIFICATE", "DEPLOY_KEY", "WORKLOAD", "AI_AGENT", "BOT"] as const;
export const recurrences = ["NONE", "MONTHLY", "QUARTERLY", "YEARLY"] as const;
export const nonResponseActions = ["KEEP", "REVOKE", "ESCALATE_ONLY"] as const;

const tagFilter = z.object({
  key: z.string().trim().min(1, "Tag key is required").max(100),
  value: z.string().trim().max(200),
});

/** Which identities a scheduled campaign reviews; every list left empty means "any". */
export const campaignScope = z.object({
  sourceIds: z.array(prefixedId("src")).max(500).default([]),
  kinds: z.array(z.enum(identityKinds)).default([]),
  environments: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  privileged: z.enum(["any", "only", "exclude"]).default("any"),
  ownerIds: z.array(prefixedId("usr")).max(500).default([]),
  /** Include identities without an active owner (orphans) besides the named owners. */
  orphans: z.boolean().default(false),
  tags: z.array(tagFilter).max(20).default([]),
});
export type CampaignScope = z.infer<typeof campaignScope>;

/**
 * Reminder cadence: day offsets from the due date. −3 reminds three days before, 0 on the due date; a
 * positive N repeats every N days after the due date while the item stays open (only with "leave open").
 */
export const reminderCadence = z.array(z.number().int().min(-90).max(30)).max(10);

const DAY = 86_400_000;

export const createCampaignInput = z.object({
  name: z.string().trim().min(3, "Give the campaign a name (3+ characters)").max(120),
  scope: campaignScope,
  startsAt: z.coerce.date().optional(),
  dueAt: z.coerce.date(),
  recurrence: z.enum(recurrences).default("NONE"),
  reminderCadence: reminderCadence.default([-3, 0]),
  escalationAfterDays: z.coerce.number().int().min(1, "At least 1 day").max(90),
  defaultOnNoResponse: z.enum(nonResponseActions),
}).superRefine((input, ctx) => {
  const start = input.startsAt ?? new Date();
  if (input.dueAt.getTime() < start.getTime() + DAY) ctx.addIssue({ code: "custom", path: ["dueAt"], message: "The due date must be at least a day after the start" });
  if (input.dueAt.getTime() > start.getTime() + 366 * DAY) ctx.addIssue({ code: "custom", path: ["dueAt"], message: "A campaign runs at most a year" });
});
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const campaignIdInput = z.object({ campaignId: prefixedId("cmp") });
export const campaignIdParams = z.object({ id: prefixedId("cmp") });

/** Launch freezes the population; when sources are stale the manager must say they know. */
export const launchCampaignInput = z.object({
  campaignId: prefixedId("cmp"),
  acknowledgeStaleSources: z.boolean().default(false),
});
export type LaunchCampaignInput = z.infer<typeof launchCampaignInput>;

export const closeCampaignInput = z.object({
  campaignId: prefixedId("cmp"),
  statement: z.string().trim().min(20, "Write the sign-off statement (20+ characters)").max(4000),
});
export type CloseCampaignInput = z.infer<typeof closeCampaignInput>;

export const remindNowInput = z.object({ itemIds: z.array(prefixedId("itm")).min(1).max(500) });
export type RemindNowInput = z.infer<typeof remindNowInput>;
