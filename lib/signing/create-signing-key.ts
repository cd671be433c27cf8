import type { PrismaClient } from "@/prisma/generated/client";
import { appSecret } from "@/lib/signing/app-secret";
import { fingerprintOf, generateSigningKeyPair, sealPrivateKey } from "@/lib/signing/key-material";

type Client = Pick<PrismaClient, "signingKey">;

/**
 * Generates a workspace's Ed25519 evidence-signing key; the private half is stored only sealed under
 * the application secret. Called when a workspace is created and by rotation (which retires the old one).
 */
export async function createSigningKey(db: Client, workspaceId: string) {
  const pair = generateSigningKeyPair();
  return db.signingKey.create({
    data: {
      workspaceId,
      publicKeyPem: pair.publicKeyPem,
      privateKeyEncrypted: sealPrivateKey(pair.privateKeyPem, appSecret(), workspaceId),
      fingerprint: fingerprintOf(pair.publicKeyPem),
    },
    select: { id: true, fingerprint: true, publicKeyPem: true, createdAt: true },
  });
}
