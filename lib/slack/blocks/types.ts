import type { DecisionKind, ReviewItemStatus } from "@/prisma/generated/enums";

/** What a Slack message shows about one review item; read by lib/slack/queries.ts, rendered by the pure builders. */
export type SlackItemView = {
  id: string;
  identityName: string;
  kind: string;
  sourceName: string;
  environment: string | null;
  /** Why it is up for review: the findings' sentences, or the campaign's reason ("Scheduled review"). */
  reasons: string[];
  findingsCount: number;
  /** High or critical findings: keeping it needs a reason (lib/reviews/rules.ts), so Keep opens a modal. */
  highFindings: boolean;
  lastUsedAt: Date | null;
  dueAt: Date;
  status: ReviewItemStatus;
  campaignName: string;
  campaignClosed: boolean;
  decision: SlackDecisionView | null;
};

export type SlackDecisionView = {
  kind: DecisionKind;
  at: Date;
  by: { name: string; slackUserId: string | null } | null;
  channel: "WEB" | "SLACK" | "API" | "SYSTEM";
  exceptionUntil: Date | null;
  removedCount: number;
  newOwnerName: string | null;
};

/** The entitlements offered in the Reduce modal, from the item's frozen snapshot. */
export type SlackEntitlementView = { id: string; name: string; resource: string; privileged: boolean; canMint: boolean };

export type BlockKitMessage = { text: string; blocks: Block[] };

// Block Kit JSON as plain objects: the builders produce data, and the limits test reads it back.
export type Text = { type: "plain_text"; text: string; emoji?: boolean } | { type: "mrkdwn"; text: string };
export type Block = { type: string; block_id?: string; [key: string]: unknown };
