import { z } from "zod";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define-job";
import { evaluateScheduledTriggers } from "@/lib/triggers/evaluate-schedule";
import { processChangeRecords } from "@/lib/triggers/process-change-records";

const workspaces = (workspaceId?: string) => db.workspace.findMany({ where: workspaceId ? { id: workspaceId } : {}, select: { id: true } });

/** Nightly: dormant identities, old and expiring credentials, orphans (DESIGN.md §6). */
export const evaluateScheduleJob = defineJob({
  name: "triggers.evaluate-schedule",
  input: z.object({ workspaceId: z.string().optional() }),
  cron: "23 3 * * *",
  async handle({ workspaceId }) {
    for (const ws of await workspaces(workspaceId)) await evaluateScheduledTriggers(ws.id);
  },
});

/**
 * Evaluates change records from inventory syncs. Runs every minute; a sync may also enqueue it with
 * its workspaceId in the sync's own transaction to have its changes evaluated at once.
 */
export const processChangesJob = defineJob({
  name: "triggers.process-changes",
  input: z.object({ workspaceId: z.string().optional() }),
  cron: "* * * * *",
  async handle({ workspaceId }) {
    const pending = workspaceId
      ? [{ workspaceId }]
      : await db.changeRecord.findMany({ where: { processedAt: null }, distinct: ["workspaceId"], select: { workspaceId: true } });
    for (const { workspaceId: id } of pending) await processChangeRecords(id);
  },
});
