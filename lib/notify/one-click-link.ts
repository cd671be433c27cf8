import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UserActor } from "@/lib/authz/actor";

const HOUR = 3_600_000;
export const ONE_CLICK_TTL_HOURS = 72;

function signingKey(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET must be set to sign one-click links.");
  return `rollcall:one-click:${secret}`;
}

const mac = (nonce: string) => createHmac("sha256", signingKey()).update(nonce).digest("base64url").slice(0, 22);
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** `<nonce>.<mac>`: a forged or mistyped token is rejected before any lookup; only its SHA-256 is stored. */
function newToken(): string {
  const nonce = randomBytes(24).toString("base64url");
  return `${nonce}.${mac(nonce)}`;
}

export function tokenIsSigned(token: string): boolean {
  const [nonce, given, extra] = token.split(".");
  if (!nonce || !given || extra !== undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(mac(nonce));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Creates a signed, single-use link that opens one review item for one person; returns its URL (shown only in the mail). */
export async function createOneClickLink(tx: Pick<Tx, "oneClickLink">, data: { workspaceId: string; userId: string; itemId: string; now?: Date; ttlHours?: number }): Promise<string> {
  const token = newToken();
  const now = data.now ?? new Date();
  await tx.oneClickLink.create({
    data: { workspaceId: data.workspaceId, userId: data.userId, itemId: data.itemId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + (data.ttlHours ?? ONE_CLICK_TTL_HOURS) * HOUR) },
  });
  return `${env().ROLLCALL_BASE_URL.replace(/\/$/, "")}/r/${token}`;
}

export type LinkCheck =
  | { ok: true; workspaceId: string; userId: string; itemId: string }
  | { ok: false; reason: "invalid" | "expired" | "used" };

/** Reads a link without using it up (e.g. to send a stranger to sign in first). */
export async function peekOneClickLink(token: string, now = new Date()): Promise<LinkCheck> {
  if (!tokenIsSigned(token)) return { ok: false, reason: "invalid" };
  const link = await db.oneClickLink.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!link) return { ok: false, reason: "invalid" };
  if (link.usedAt) return { ok: false, reason: "used" };
  if (link.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, workspaceId: link.workspaceId, userId: link.userId, itemId: link.itemId };
}

/**
 * Uses a link exactly once (conditional update on usedAt), for the person it was sent to. A second
 * click, a link after expiry, or someone else's session gets a reason instead of the item.
 */
export async function redeemOneClickLink(token: string, actor: UserActor, now = new Date()): Promise<LinkCheck> {
  const peek = await peekOneClickLink(token, now);
  if (!peek.ok) return peek;
  if (peek.userId !== actor.userId || peek.workspaceId !== actor.workspaceId) return { ok: false, reason: "invalid" };
  return db.$transaction(async (tx) => {
    const used = await tx.oneClickLink.updateMany({
      where: { tokenHash: hashToken(token), userId: actor.userId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count !== 1) return { ok: false, reason: "used" } as const;
    await recordAudit(tx, actor, "one-click-link.used", { type: "ReviewItem", id: peek.itemId }, {});
    return peek;
  });
}
