import { createHash, hash, randomBytes } from "node:crypto";

// What identifies a stored event: its dedupe key (bounded), the idempotency hash and its row id.

/** Keys stay short whatever a log puts in its ids; an overlong one is replaced by its hash. */
export const boundedKey = (key: string) => (key.length <= 300 ? key : `${key.slice(0, key.indexOf(":") + 1)}sha256:${createHash("sha256").update(key).digest("hex")}`);

/** The idempotency key: md5 of workspace and dedupe key, as a uuid (16 bytes in the unique index). */
export function dedupeHash(workspaceId: string, dedupeKey: string): string {
  const h = hash("md5", `${workspaceId}:${dedupeKey}`, "hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const RANDOM_HEX_PER_ID = 20;
const IDS_PER_DRAW = 4096;

/**
 * Event ids ordered by time of parsing (like uuidv7: milliseconds, then 80 random bits): the primary
 * key grows at its right edge instead of touching random pages.
 */
export class EventIds {
  private random = "";
  private at = 0;

  next(): string {
    if (this.at >= this.random.length) {
      this.random = randomBytes((IDS_PER_DRAW * RANDOM_HEX_PER_ID) / 2).toString("hex");
      this.at = 0;
    }
    const ms = Date.now().toString(16).padStart(12, "0").slice(-12);
    const id = `evt_${ms}${this.random.slice(this.at, this.at + RANDOM_HEX_PER_ID)}`;
    this.at += RANDOM_HEX_PER_ID;
    return id;
  }
}
