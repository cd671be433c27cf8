import { db } from "@/lib/db";

/** What the app shell shows on every page: workspace name, the person, their pending review count. */
export async function shellSummary(workspaceId: string, userId: string) {
  const [workspace, user, pendingReviews] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } }),
    db.user.findFirstOrThrow({ where: { id: userId, workspaceId }, select: { name: true } }),
    db.reviewItem.count({ where: { workspaceId, reviewerId: userId, status: { in: ["PENDING", "ESCALATED"] } } }),
  ]);
  return { workspaceName: workspace.name, userName: user.name, pendingReviews };
}
