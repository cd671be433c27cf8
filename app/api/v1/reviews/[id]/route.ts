import { route } from "@/lib/route";
import { notFound } from "@/lib/errors";
import { getReviewItemForApi } from "@/lib/reviews/queries";
import { reviewItemIdParams } from "@/lib/reviews/schema";

export const dynamic = "force-dynamic";

/** One review item with its frozen snapshot, findings and decision. */
export const GET = route({ permission: "reviews:read", params: reviewItemIdParams }, async ({ actor, params }) => {
  const member = actor.type === "USER" && actor.role === "MEMBER" ? actor.userId : null;
  const item = await getReviewItemForApi(actor.workspaceId, params.id, member);
  if (!item) throw notFound("Review item");
  return item;
});
