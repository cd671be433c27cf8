import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The application secret that encrypts private keys at rest: AUTH_SECRET, or (as `npm start` does when
 * it is unset) the per-installation secret kept in `<data dir>/auth-secret`, created once. The file is
 * published with link(2), which fails if it exists, so concurrent first callers agree on one secret.
 */
export function appSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const dir = path.resolve(env().ROLLCALL_DATA_DIR);
  const file = path.join(dir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const candidate = path.join(dir, `auth-secret.${process.pid}.${randomBytes(4).toString("hex")}`);
    writeFileSync(candidate, randomBytes(32).toString("base64url"), { mode: 0o600 });
    try {
      linkSync(candidate, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      unlinkSync(candidate);
    }
    return readFileSync(file, "utf8").trim();
  }
}
