import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { encryptWebhookSecret } from "@/lib/remediation/webhook-secret";
import type { ConfigureRemediationWebhookInput } from "@/lib/remediation/schema";

/** Sets (or clears, url null) the workspace's remediation webhook; the secret is stored encrypted and never audited. */
export async function configureRemediationWebhook(actor: Actor, input: ConfigureRemediationWebhookInput) {
  assertCan(actor, "settings:manage");
  if (input.url && !input.secret) throw new DomainError("INVALID", "A webhook needs a signing secret.");
  await db.$transaction(async (tx) => {
    await tx.workspace.update({
      where: { id: actor.workspaceId },
      data: { remediationWebhookUrl: input.url, remediationWebhookSecretEncrypted: input.url && input.secret ? encryptWebhookSecret(input.secret) : null },
    });
    await recordAudit(tx, actor, "remediation.webhook-configured", { type: "Workspace", id: actor.workspaceId }, { url: input.url });
  });
}
