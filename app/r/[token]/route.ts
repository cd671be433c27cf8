import { currentActor } from "@/lib/auth";
import { peekOneClickLink, redeemOneClickLink } from "@/lib/notify/one-click-link";

export const dynamic = "force-dynamic";

/**
 * The one-click link in review mails. Signed in as the person it was sent to: used up (once) and
 * redirected to the item. Not signed in: sent to sign in first, the link left unused (mail scanners
 * that prefetch links therefore cannot use it up). Anything else: a page that says why.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // A relative Location keeps the visitor on the host they came in on (and its session cookie).
  const to = (path: string) => new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
  const peek = await peekOneClickLink(token);
  if (!peek.ok) return to(`/r/invalid?reason=${peek.reason}`);
  const actor = await currentActor();
  if (!actor) return to(`/signin?callbackUrl=${encodeURIComponent(`/r/${token}`)}`);
  const used = await redeemOneClickLink(token, actor);
  if (!used.ok) return to(`/r/invalid?reason=${used.reason === "invalid" ? "someone-else" : used.reason}`);
  return to(`/reviews/${used.itemId}`);
}
