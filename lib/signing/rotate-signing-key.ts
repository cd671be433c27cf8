import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { createSigningKey } from "@/lib/signing/create-signing-key";

/**
 * Retires the workspace's active signing key and creates a new one in one transaction; retired public
 * keys stay listed so packs signed earlier still verify. A per-workspace lock keeps one active key.
 */
export async function rotateSigningKey(actor: Actor) {
  assertCan(actor, "settings:manage");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"signing:" + actor.workspaceId}, 0))`;
    const retiring = await tx.signingKey.findMany({ where: { workspaceId: actor.workspaceId, retiredAt: null }, select: { id: true, fingerprint: true } });
    await tx.signingKey.updateMany({ where: { workspaceId: actor.workspaceId, retiredAt: null }, data: { retiredAt: new Date() } });
    const key = await createSigningKey(tx, actor.workspaceId);
    await recordAudit(tx, actor, "signing-key.rotated", { type: "SigningKey", id: key.id }, { fingerprint: key.fingerprint, retired: retiring.map((k) => k.fingerprint) });
    return key;
  });
}
