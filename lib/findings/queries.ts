import { db } from "@/lib/db";

export function listOpenFindings(workspaceId: string, take = 100) {
  return db.finding.findMany({
    where: { workspaceId, status: { in: ["OPEN", "IN_REVIEW"] } },
    orderBy: [{ severity: "desc" }, { createdAt: "desc" }],
    take,
    select: { id: true, kind: true, severity: true, sentence: true, createdAt: true, reviewItemId: true, identity: { select: { id: true, name: true } } },
  });
}
