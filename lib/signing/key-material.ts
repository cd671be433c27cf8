import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, sign, verify } from "node:crypto";

// Pure key handling for evidence signing: Ed25519 key pairs, their fingerprints, and the private key
// sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the application secret.

const INFO = "rollcall:evidence-signing-key:v1";

export type SigningKeyPair = { publicKeyPem: string; privateKeyPem: string };

export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** SHA-256 of the DER public key, as `openssl pkey -pubin -in signing-key.pem -outform DER | sha256sum` prints it. */
export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex");
}

function sealingKey(secret: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, salt, INFO, 32));
}

/** Seals the private key; `boundTo` (the workspace id) is authenticated so a sealed key cannot be moved to another workspace. */
export function sealPrivateKey(privateKeyPem: string, secret: string, boundTo: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret, salt), iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const data = Buffer.concat([cipher.update(privateKeyPem, "utf8"), cipher.final()]);
  return ["v1", salt, iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function openPrivateKey(sealed: string, secret: string, boundTo: string): string {
  const [version, salt, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !salt || !iv || !tag || !data) throw new Error("Unrecognised sealed signing key format.");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret, Buffer.from(salt, "base64url")), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(boundTo, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("The signing key cannot be decrypted with this AUTH_SECRET (was the secret changed?). Rotate the key in Settings → Signing keys.");
  }
}

/** Ed25519 signature over the exact bytes (what `openssl pkeyutl -verify -rawin` checks). */
export function signBytes(privateKeyPem: string, bytes: Uint8Array): Buffer {
  return sign(null, bytes, createPrivateKey(privateKeyPem));
}

export function verifyBytes(publicKeyPem: string, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, bytes, createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}
