import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintOf, generateSigningKeyPair, openPrivateKey, sealPrivateKey, signBytes, verifyBytes } from "@/lib/signing/key-material";

const SECRET = "unit-secret-unit-secret-unit-secret";

describe("signing key material", () => {
  it("seals and opens a private key, bound to its workspace and secret", () => {
    const pair = generateSigningKeyPair();
    const sealed = sealPrivateKey(pair.privateKeyPem, SECRET, "wsp_a");
    expect(sealed).not.toContain("PRIVATE KEY");
    expect(openPrivateKey(sealed, SECRET, "wsp_a")).toBe(pair.privateKeyPem);
    expect(() => openPrivateKey(sealed, "another-secret-another-secret", "wsp_a")).toThrow(/cannot be decrypted/);
    expect(() => openPrivateKey(sealed, SECRET, "wsp_b")).toThrow(/cannot be decrypted/);
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => openPrivateKey(parts.join("."), SECRET, "wsp_a")).toThrow(/cannot be decrypted/);
  });

  it("signs exact bytes; one changed byte fails verification", () => {
    const pair = generateSigningKeyPair();
    const bytes = Buffer.from('{"pack_id":"evp_1"}\n');
    const sig = signBytes(pair.privateKeyPem, bytes);
    expect(sig).toHaveLength(64);
    expect(verifyBytes(pair.publicKeyPem, bytes, sig)).toBe(true);
    const flipped = Buffer.from(bytes);
    flipped[3] = flipped[3]! ^ 1;
    expect(verifyBytes(pair.publicKeyPem, flipped, sig)).toBe(false);
    expect(verifyBytes(generateSigningKeyPair().publicKeyPem, bytes, sig)).toBe(false);
  });

  it("fingerprints the key the way openssl + sha256sum do", () => {
    const pair = generateSigningKeyPair();
    const dir = mkdtempSync(path.join(tmpdir(), "rollcall-fp-"));
    writeFileSync(path.join(dir, "k.pem"), pair.publicKeyPem);
    const der = execFileSync("openssl", ["pkey", "-pubin", "-in", path.join(dir, "k.pem"), "-outform", "DER"]);
    const hex = execFileSync("sha256sum", { input: der }).toString().split(" ")[0];
    expect(fingerprintOf(pair.publicKeyPem)).toBe(hex);
    expect(fingerprintOf(pair.publicKeyPem)).toMatch(/^[0-9a-f]{64}$/);
  });
});
