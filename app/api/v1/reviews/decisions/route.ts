import { route } from "@/lib/route";
import { decide } from "@/lib/reviews/decide";
import { decideInput } from "@/lib/reviews/schema";

export const dynamic = "force-dynamic";

/** Decide one review (the same schema and command as the web and Slack); 409 ALREADY_DECIDED on a repeat. */
export const POST = route({ permission: "reviews:decide", body: decideInput }, async ({ actor, body }) => {
  const decision = await decide(actor, body, "API");
  return Response.json({ id: decision.id, itemId: decision.itemId, kind: decision.kind, decidedAt: decision.decidedAt, channel: decision.channel }, { status: 201 });
});
