import { db } from "@/lib/db";
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { appSecret } from "@/lib/signing/app-secret";
import { createSigningKey } from "@/lib/signing/create-signing-key";
import { openPrivateKey, signBytes } from "@/lib/signing/key-material";

/** Every key the workspace has had, newest first; retired ones stay so old packs can be checked. */
export function listSigningKeys(workspaceId: string) {
  return db.signingKey.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    select: { id: true, fingerprint: true, publicKeyPem: true, createdAt: true, retiredAt: true },
  });
}

export function activeSigningKey(workspaceId: string) {
  return db.signingKey.findFirst({
    where: { workspaceId, retiredAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, fingerprint: true, publicKeyPem: true, createdAt: true },
  });
}

export type Signer = { keyId: string; fingerprint: string; publicKeyPem: string; sign: (bytes: Uint8Array) => Buffer };

/**
 * The workspace's active key ready to sign. A workspace created before signing existed gets its key
 * here, once (under the same lock rotation takes), with an audit record.
 */
export async function workspaceSigner(workspaceId: string): Promise<Signer> {
  let key = await db.signingKey.findFirst({ where: { workspaceId, retiredAt: null }, orderBy: { createdAt: "desc" } });
  if (!key) {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"signing:" + workspaceId}, 0))`;
      if (await tx.signingKey.count({ where: { workspaceId, retiredAt: null } })) return;
      const created = await createSigningKey(tx, workspaceId);
      await recordAudit(tx, systemActor(workspaceId, "evidence"), "signing-key.created", { type: "SigningKey", id: created.id }, { fingerprint: created.fingerprint });
    });
    key = await db.signingKey.findFirstOrThrow({ where: { workspaceId, retiredAt: null }, orderBy: { createdAt: "desc" } });
  }
  const privateKeyPem = openPrivateKey(key.privateKeyEncrypted, appSecret(), workspaceId);
  return { keyId: key.id, fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem, sign: (bytes) => signBytes(privateKeyPem, bytes) };
}
