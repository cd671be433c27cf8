import { z } from "zod";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define-job";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";

/**
 * Nightly: walk every workspace's audit chain and append the verdict to the chain itself, so the
 * evidence shows when integrity was last checked and what was found.
 */
export const verifyAuditChainJob = defineJob({
  name: "audit.verify-chain",
  input: z.object({ workspaceId: z.string().optional() }),
  cron: "17 2 * * *",
  async handle({ workspaceId }) {
    const workspaces = await db.workspace.findMany({
      where: workspaceId ? { id: workspaceId } : {},
      select: { id: true },
    });
    for (const ws of workspaces) {
      const report = await verifyAuditChain(ws.id);
      await db.$transaction((tx) =>
        recordAudit(tx, systemActor(ws.id, "audit-verifier"), report.ok ? "audit.chain-verified" : "audit.chain-broken", null, report.ok
          ? { checked: report.checked, headSeq: report.headSeq, headHash: report.headHash }
          : { checked: report.checked, broken: report.broken }),
      );
      if (!report.ok) console.error(`[audit] chain broken in ${ws.id}: ${report.broken.reason}`);
    }
  },
});
