import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UserActor } from "@/lib/authz/actor";
import type { SlackClient } from "@/lib/slack/client";

export type SlackUserLookup = { ok: true; actor: UserActor } | { ok: false; reason: "no-email" | "unverified" | "unknown" | "inactive" | "slack-error" };

type SlackUserInfo = { deleted?: boolean; is_bot?: boolean; is_email_confirmed?: boolean; profile?: { email?: string } };

const asActor = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

/**
 * Caches a Slack user id on the Rollcall user it was matched to (by verified email), and audits the
 * link: from then on that Slack account acts as this person. Any other user holding the same Slack id
 * (an email changed hands) loses it in the same transaction.
 */
async function linkSlackUser(user: { id: string; workspaceId: string; role: UserActor["role"]; email: string }, slackUserId: string, via: string) {
  const actor = asActor(user);
  await db.$transaction(async (tx) => {
    await tx.user.updateMany({ where: { slackUserId, id: { not: user.id } }, data: { slackUserId: null } });
    const linked = await tx.user.updateMany({ where: { id: user.id, OR: [{ slackUserId: null }, { slackUserId: { not: slackUserId } }] }, data: { slackUserId } });
    if (linked.count) await recordAudit(tx, actor, "slack.user-linked", { type: "User", id: user.id }, { slackUserId, via });
  });
}

/**
 * The Rollcall person behind a Slack user: the cached link first; otherwise `users.info`, and only an
 * email Slack marks as confirmed counts. Departed people and strangers get no actor (the caller
 * answers with a polite refusal).
 */
export async function actorForSlackUser(client: SlackClient, slackUserId: string): Promise<SlackUserLookup> {
  const cached = await db.user.findFirst({ where: { slackUserId }, select: { id: true, workspaceId: true, role: true, email: true, status: true } });
  if (cached) return cached.status === "ACTIVE" ? { ok: true, actor: asActor(cached) } : { ok: false, reason: "inactive" };

  let info: SlackUserInfo | undefined;
  try {
    info = (await client.users.info({ user: slackUserId })).user as SlackUserInfo | undefined;
  } catch (error) {
    console.error("[slack] users.info failed", error instanceof Error ? error.message : error);
    return { ok: false, reason: "slack-error" };
  }
  const email = info?.profile?.email?.trim().toLowerCase();
  if (!info || info.deleted || info.is_bot || !email) return { ok: false, reason: "no-email" };
  if (info.is_email_confirmed !== true) return { ok: false, reason: "unverified" };
  const user = await db.user.findUnique({ where: { email }, select: { id: true, workspaceId: true, role: true, email: true, status: true } });
  if (!user) return { ok: false, reason: "unknown" };
  if (user.status !== "ACTIVE") return { ok: false, reason: "inactive" };
  await linkSlackUser(user, slackUserId, "users.info");
  return { ok: true, actor: asActor(user) };
}

/** The Slack user to DM for a Rollcall person: the cached id, else `users.lookupByEmail` (then cached). */
export async function slackUserIdFor(client: SlackClient, user: { id: string; workspaceId: string; role: UserActor["role"]; email: string; slackUserId: string | null }): Promise<string | null> {
  if (user.slackUserId) return user.slackUserId;
  try {
    const found = await client.users.lookupByEmail({ email: user.email });
    const slackUser = found.user as (SlackUserInfo & { id?: string }) | undefined;
    if (!slackUser?.id || slackUser.deleted) return null;
    await linkSlackUser(user, slackUser.id, "users.lookupByEmail");
    return slackUser.id;
  } catch (error) {
    // users_not_found is an answer, not a failure: this person is not in Slack.
    if (isSlackError(error, "users_not_found")) return null;
    throw error;
  }
}

export function isSlackError(error: unknown, code: string): boolean {
  const data = (error as { data?: { error?: string } } | null)?.data;
  return data?.error === code;
}

/** What a person whose Slack account matches nobody is told, by reason. */
export function refusalFor(reason: Exclude<SlackUserLookup, { ok: true }>["reason"]): string {
  switch (reason) {
    case "inactive":
      return "Your Rollcall account is no longer active, so I can't record decisions for you. If that's a mistake, ask your Rollcall admin.";
    case "unverified":
      return "Sorry, I can only act for Slack accounts with a confirmed email address. Confirm your email in Slack and try again.";
    case "slack-error":
      return "Sorry, I couldn't check who you are in Slack just now. Please try again in a minute.";
    default:
      return "Sorry, I couldn't find a Rollcall account with your Slack email address, so I can't record decisions for you. Ask your Rollcall admin to add you, or answer on the web.";
  }
}
