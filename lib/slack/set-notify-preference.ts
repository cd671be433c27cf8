import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UserActor } from "@/lib/authz/actor";
import type { SetNotifyPreferenceInput } from "@/lib/slack/schema";

/** A person changes only their own notification preference; the change and its audit row commit together. */
export async function setNotifyPreference(actor: UserActor, input: SetNotifyPreferenceInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const changed = await tx.user.updateMany({ where: { id: actor.userId, workspaceId: actor.workspaceId, notifyVia: { not: input.notifyVia } }, data: { notifyVia: input.notifyVia } });
    if (changed.count) await recordAudit(tx, actor, "user.notify-preference-changed", { type: "User", id: actor.userId }, { notifyVia: input.notifyVia });
  });
}
