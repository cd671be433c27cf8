import type { NotifyVia } from "@/prisma/generated/enums";

export type NotifyChannels = { email: boolean; slack: boolean };

/**
 * Where an automatic notification (assigned, reminder, escalation, exception ending) goes, from the
 * person's preference. Email whenever Slack cannot carry it: Slack is off on this server, or the
 * person prefers Slack but Rollcall has not linked their Slack account yet (they then also get the
 * Slack DM if Slack knows their email, which links them for next time). Never neither.
 */
export function notifyChannels(person: { notifyVia: NotifyVia; slackUserId: string | null }, slackOn: boolean): NotifyChannels {
  if (!slackOn) return { email: true, slack: false };
  return {
    email: person.notifyVia !== "SLACK" || !person.slackUserId,
    slack: person.notifyVia !== "EMAIL",
  };
}

/** For audit rows: ["email", "slack"]. */
export const channelList = (c: NotifyChannels) => [...(c.email ? ["email"] : []), ...(c.slack ? ["slack"] : [])];
