import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { startTestSmtp } from "@/lib/notify/test-smtp";
import { notifyAssigned } from "@/lib/reviews/notify-assigned-job";
import { remindNow } from "@/lib/reviews/reminders-job";
import { escalateOverdue } from "@/lib/reviews/escalations-job";
import { warnExpiringExceptions } from "@/lib/reviews/exceptions-job";
import { setNotifyPreferenceInput } from "@/lib/slack/schema";
import { setNotifyPreference } from "@/lib/slack/set-notify-preference";
import { ownerWorld, pendingItems, runQueuedJobs, startSlackStandIn } from "@/lib/slack/test-setup";
import type { SlackStandIn } from "@/e2e/slack-stand-in";
import { createDecision, createReviewWorld, createUser } from "@/prisma/factories";

// What each person receives from the reviews jobs (assigned, reminder, escalation, exception ending)
// by their preference: mails over a real SMTP socket, DMs as calls recorded by the Slack stand-in.
const smtp = await startTestSmtp();
const received = smtp.received;
process.env.AUTH_SECRET = "notify-test-secret-notify-test-secret";

let standIn: SlackStandIn;
beforeAll(async () => {
  standIn = await startSlackStandIn();
  await ensureQueues();
});
afterAll(async () => {
  await standIn.stop();
  await smtp.stop();
});
beforeEach(() => {
  standIn.reset();
  received.length = 0;
});

const DAY = 86_400_000;
const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });
const mailsTo = (email: string) => received.filter((m) => m.to.includes(email));
const dmsTo = (slackId: string) => standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === `D${slackId.slice(1)}`);
const runSlackJobs = () => runQueuedJobs("slack.send-digest", "slack.exceptions-ending");

/** One workspace, five people with each preference (and link state), each reviewing their own items. */
async function people() {
  const world = await ownerWorld(standIn, "Both"); // BOTH (the default), in Slack, not linked yet
  const tag = Date.now().toString(36);
  const make = async (name: string, notifyVia: "BOTH" | "SLACK" | "EMAIL", slack: "linked" | "known" | "absent") => {
    const user = await createUser(db, world.ws.id, { name, email: `${name.toLowerCase()}-${tag}@acme.test` });
    const slackId = `U${name.toUpperCase()}${tag.toUpperCase()}`;
    if (slack !== "absent") standIn.addUser({ id: slackId, email: user.email, name });
    await db.user.update({ where: { id: user.id }, data: { notifyVia, slackUserId: slack === "linked" ? slackId : null } });
    return { ...user, slackId };
  };
  return {
    world,
    both: { ...world.owner, slackId: world.slackId },
    slackOnly: await make("Sol", "SLACK", "linked"),
    slackUnlinked: await make("Una", "SLACK", "known"),
    emailOnly: await make("Eli", "EMAIL", "linked"),
    notInSlack: await make("Nia", "SLACK", "absent"),
  };
}

describe("notifications honour each person's preference", () => {
  it("assigned: Slack-only gets one DM digest (3 messages for 25 items) and no mail; email-only no DM; both both; unlinked and not-in-Slack fall back to email", async () => {
    const p = await people();
    await pendingItems(p.world, p.both.id, 2);
    await pendingItems(p.world, p.slackOnly.id, 25);
    await pendingItems(p.world, p.slackUnlinked.id, 1);
    await pendingItems(p.world, p.emailOnly.id, 2);
    await pendingItems(p.world, p.notInSlack.id, 1);

    expect(await notifyAssigned({ campaignId: p.world.campaign.id })).toBe(5);
    expect(await runSlackJobs()).toBe(4); // one digest job per person who takes Slack (never one per item)

    expect(mailsTo(p.both.email)).toHaveLength(1);
    expect(dmsTo(p.both.slackId)).toHaveLength(1);
    expect(mailsTo(p.slackOnly.email)).toHaveLength(0);
    expect(dmsTo(p.slackOnly.slackId)).toHaveLength(3);
    expect(mailsTo(p.slackUnlinked.email)).toHaveLength(1); // not linked yet: email too…
    expect(dmsTo(p.slackUnlinked.slackId)).toHaveLength(1); // …and the DM, which links them
    expect((await db.user.findUniqueOrThrow({ where: { id: p.slackUnlinked.id } })).slackUserId).toBe(p.slackUnlinked.slackId);
    expect(mailsTo(p.emailOnly.email)).toHaveLength(1);
    expect(dmsTo(p.emailOnly.slackId)).toHaveLength(0);
    expect(mailsTo(p.notInSlack.email)).toHaveLength(1);
    expect(dmsTo(p.notInSlack.slackId)).toHaveLength(0);
    expect(received).toHaveLength(4);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: p.world.ws.id, action: "review.assignment-notified", subjectId: p.slackOnly.id } });
    expect(audit.data).toMatchObject({ items: 25, via: ["slack"] });
    // A retried campaign notification tells nobody twice.
    expect(await notifyAssigned({ campaignId: p.world.campaign.id })).toBe(0);
    expect(await runSlackJobs()).toBe(0);
  });

  it("reminders: one per person, by mail and/or one DM as each prefers", async () => {
    const p = await people();
    const ids = [
      ...(await pendingItems(p.world, p.both.id, 1)),
      ...(await pendingItems(p.world, p.slackOnly.id, 12)),
      ...(await pendingItems(p.world, p.emailOnly.id, 1)),
    ].map((i) => i.id);
    expect(await remindNow(ids)).toBe(3);
    await runSlackJobs();
    expect(received.map((m) => m.to[0]).sort()).toEqual([p.both.email, p.emailOnly.email].sort());
    expect(mailsTo(p.both.email)[0]!.raw).toContain("Subject: Reminder: 1 review waiting");
    expect(dmsTo(p.both.slackId)).toHaveLength(1);
    expect(dmsTo(p.slackOnly.slackId)).toHaveLength(2); // 12 items: 10 + 2
    expect(dmsTo(p.emailOnly.slackId)).toHaveLength(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: p.world.ws.id, action: "review.reminded", subjectId: p.emailOnly.id } });
    expect(audit.data).toMatchObject({ via: ["email"] });
  });

  it("escalation: a manager who prefers Slack gets the escalated item as a DM they can answer, and no mail", async () => {
    const w = await createReviewWorld(db, { dueAt: new Date(Date.now() + 20 * DAY) });
    const managerSlack = `UMGR${Date.now().toString(36).toUpperCase()}`;
    standIn.addUser({ id: managerSlack, email: w.manager.email, name: "mia" });
    await db.user.update({ where: { id: w.manager.id }, data: { notifyVia: "SLACK", slackUserId: managerSlack } });
    expect(await escalateOverdue({ now: new Date(Date.now() + 7 * DAY + 60_000), workspaceId: w.ws.id })).toBe(1);
    expect(await runSlackJobs()).toBe(1);
    expect(received).toHaveLength(0);
    const [dm] = dmsTo(managerSlack);
    expect(JSON.stringify(dm!.args.blocks)).toContain(`act:${w.item.id}`);
    expect(await db.slackMessage.count({ where: { userId: w.manager.id, itemIds: { has: w.item.id } } })).toBe(1);
  });

  it("exceptions ending: one DM per person listing all of theirs; mails per exception for email and both", async () => {
    const p = await people();
    const grant = async (person: { id: string }, count: number) => {
      const items = await pendingItems(p.world, person.id, count);
      for (const [i, item] of items.entries()) {
        await createDecision(db, p.world.ws.id, { itemId: item.id, kind: "EXCEPTION", deciderId: person.id, justification: `Vendor migration ${i}`, exceptionUntil: new Date(Date.now() + (3 + i) * DAY) });
      }
      return items;
    };
    const slackItems = await grant(p.slackOnly, 2);
    await grant(p.both, 2);
    await grant(p.emailOnly, 1);

    expect(await warnExpiringExceptions({ workspaceId: p.world.ws.id })).toBe(5);
    expect(await runSlackJobs()).toBe(2);
    expect(mailsTo(p.slackOnly.email)).toHaveLength(0);
    const [dm] = dmsTo(p.slackOnly.slackId);
    expect(dmsTo(p.slackOnly.slackId)).toHaveLength(1);
    expect(dm!.args.text).toBe("2 exceptions you granted end soon (first on " + new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10) + ").");
    for (const item of slackItems) expect(JSON.stringify(dm!.args.blocks)).toContain(`/reviews/${item.id}|`);
    expect(mailsTo(p.both.email)).toHaveLength(2);
    expect(dmsTo(p.both.slackId)).toHaveLength(1);
    expect(mailsTo(p.emailOnly.email)).toHaveLength(1);
    expect(dmsTo(p.emailOnly.slackId)).toHaveLength(0);
    // Once per exception.
    expect(await warnExpiringExceptions({ workspaceId: p.world.ws.id })).toBe(0);
    expect(await runSlackJobs()).toBe(0);
  });
});

describe("setting the preference (the web form and Slack's App Home share the schema and the command)", () => {
  it("changes only the person's own preference, audited once; an unknown choice is refused by the schema", async () => {
    const p = await people();
    await setNotifyPreference(as(p.both), setNotifyPreferenceInput.parse({ notifyVia: "SLACK" }));
    await setNotifyPreference(as(p.both), setNotifyPreferenceInput.parse({ notifyVia: "SLACK" }));
    expect((await db.user.findUniqueOrThrow({ where: { id: p.both.id } })).notifyVia).toBe("SLACK");
    expect((await db.user.findUniqueOrThrow({ where: { id: p.emailOnly.id } })).notifyVia).toBe("EMAIL");
    const audits = await db.auditEvent.findMany({ where: { workspaceId: p.world.ws.id, action: "user.notify-preference-changed" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectId: p.both.id, actorType: "USER" });
    expect(audits[0]!.data).toMatchObject({ notifyVia: "SLACK" });
    expect(setNotifyPreferenceInput.safeParse({ notifyVia: "PIGEON" }).success).toBe(false);
  });
});
