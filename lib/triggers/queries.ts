import { db } from "@/lib/db";

export function listTriggerRules(workspaceId: string) {
  return db.triggerRule.findMany({ where: { workspaceId }, orderBy: { kind: "asc" } });
}
