import { route } from "@/lib/route";
import { listInbox, listOpenItems } from "@/lib/reviews/queries";
import { listReviewsQuery } from "@/lib/reviews/schema";

export const dynamic = "force-dynamic";

/** A person's open reviews (session), or every open review of the workspace (API key). */
export const GET = route({ permission: "reviews:read", query: listReviewsQuery }, async ({ actor, query }) => {
  const { page, ...filter } = query;
  if (actor.type === "USER") {
    const inbox = await listInbox(actor.workspaceId, actor.userId, filter, page);
    return { items: inbox.items.map(({ entitlements: _e, ...item }) => item), total: inbox.total, hasNext: inbox.hasNext, page };
  }
  return { ...(await listOpenItems(actor.workspaceId, filter, page)), page };
});
