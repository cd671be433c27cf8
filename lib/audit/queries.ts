import { db } from "@/lib/db";

export function listAuditEvents(workspaceId: string, take = 100, beforeSeq?: number) {
  return db.auditEvent.findMany({
    where: { workspaceId, ...(beforeSeq ? { seq: { lt: beforeSeq } } : {}) },
    orderBy: { seq: "desc" },
    take,
  });
}
