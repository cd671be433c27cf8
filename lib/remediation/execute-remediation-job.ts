import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/prisma/generated/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { defineJob } from "@/lib/jobs/define-job";
import { getWorkspacePolicy } from "@/lib/reviews/decision-context";
import { nextAttemptAt, overdueSentence, type RemediationDetail } from "@/lib/remediation/rules";
import { decryptWebhookSecret } from "@/lib/remediation/webhook-secret";
import { signWebhook } from "@/lib/remediation/webhook-signature";

const LEASE_MS = 10 * 60_000;
const TIMEOUT_MS = 10_000;

/** The JSON body POSTed to the workspace's remediation webhook. */
export function webhookPayload(task: { id: string; workspaceId: string; action: string; dueAt: Date; attempts: number; detail: unknown }) {
  const detail = task.detail as RemediationDetail;
  return {
    type: "rollcall.remediation.requested",
    taskId: task.id,
    workspaceId: task.workspaceId,
    action: task.action,
    attempt: task.attempts,
    dueAt: task.dueAt.toISOString(),
    identity: detail.identity,
    credentials: detail.credentials,
    entitlements: detail.entitlements,
    decision: detail.decision,
  };
}

/**
 * One attempt of a WEBHOOK task: claims it (attempt +1 and a lease, so two runners never post at once),
 * POSTs the HMAC-SHA256-signed payload, records the response code. 2xx → EXECUTED (verified later by a
 * sync); otherwise the next attempt is scheduled with backoff, and after the last one the task FAILED.
 */
export async function executeWebhookTask(taskId: string, now = new Date()): Promise<"executed" | "retry" | "failed" | "skipped"> {
  const task = await db.remediationTask.findUnique({ where: { id: taskId } });
  if (!task || task.executor !== "WEBHOOK" || task.status !== "OPEN") return "skipped";
  if (task.nextAttemptAt && task.nextAttemptAt > now) return "skipped";
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: task.workspaceId }, select: { remediationWebhookUrl: true, remediationWebhookSecretEncrypted: true } });
  const attempt = task.attempts + 1;
  const claimed = await db.remediationTask.updateMany({
    where: { id: task.id, status: "OPEN", attempts: task.attempts },
    data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
  });
  if (claimed.count === 0) return "skipped";

  let code: number | null = null;
  let error: string | null = null;
  if (!ws.remediationWebhookUrl || !ws.remediationWebhookSecretEncrypted) {
    error = "No remediation webhook is configured any more.";
  } else {
    const body = JSON.stringify(webhookPayload({ ...task, attempts: attempt }));
    try {
      const response = await fetch(ws.remediationWebhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-rollcall-signature": signWebhook(decryptWebhookSecret(ws.remediationWebhookSecretEncrypted), body, now), "x-rollcall-task": task.id, "x-rollcall-attempt": String(attempt) },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: "manual",
      });
      code = response.status;
      if (!response.ok) error = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  }

  const actor = systemActor(task.workspaceId, "remediation-webhook");
  return db.$transaction(async (tx) => {
    if (!error) {
      await tx.remediationTask.update({ where: { id: task.id }, data: { status: "EXECUTED", executedAt: now, responseCode: code, lastError: null, nextAttemptAt: null } });
      await recordAudit(tx, actor, "remediation.executed", { type: "RemediationTask", id: task.id }, { executor: "WEBHOOK", attempt, responseCode: code });
      return "executed" as const;
    }
    const next = nextAttemptAt(attempt, now);
    await tx.remediationTask.update({ where: { id: task.id }, data: { status: next ? "OPEN" : "FAILED", responseCode: code, lastError: error, nextAttemptAt: next } });
    await recordAudit(tx, actor, next ? "remediation.attempt-failed" : "remediation.failed", { type: "RemediationTask", id: task.id }, { attempt, responseCode: code, error, nextAttemptAt: next });
    return next ? ("retry" as const) : ("failed" as const);
  });
}

/** Webhook tasks whose next attempt is due (the backoff schedule lives in nextAttemptAt, not in the queue). */
export async function retryDueWebhooks(now = new Date(), workspaceId?: string): Promise<number> {
  const due = await db.remediationTask.findMany({
    where: { executor: "WEBHOOK", status: "OPEN", nextAttemptAt: { lte: now }, ...(workspaceId ? { workspaceId } : {}) },
    select: { id: true },
    take: 200,
  });
  for (const t of due) await executeWebhookTask(t.id, now);
  return due.length;
}

/** Remediation not verified by its SLA becomes a REMEDIATION_OVERDUE finding (once per task). */
export async function flagOverdueRemediation(now = new Date(), workspaceId?: string): Promise<number> {
  const ids = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT t.id FROM "RemediationTask" t
    WHERE t.status <> 'VERIFIED' AND t."dueAt" < ${now} ${workspaceId ? Prisma.sql`AND t."workspaceId" = ${workspaceId}` : Prisma.empty}
      AND NOT EXISTS (SELECT 1 FROM "Finding" f WHERE f."workspaceId" = t."workspaceId" AND f.kind = 'REMEDIATION_OVERDUE' AND f.detail->>'taskId' = t.id)
    ORDER BY t."dueAt" LIMIT 1000`);
  if (!ids.length) return 0;
  const overdue = await db.remediationTask.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: { id: true, workspaceId: true, identityId: true, action: true, dueAt: true, createdAt: true, status: true, detail: true },
  });
  let flagged = 0;
  for (const task of overdue) {
    const created = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"remediation-overdue:" + task.id}, 0))`;
      const exists = await tx.finding.findFirst({ where: { workspaceId: task.workspaceId, kind: "REMEDIATION_OVERDUE", identityId: task.identityId, detail: { path: ["taskId"], equals: task.id } }, select: { id: true } });
      if (exists) return false;
      const policy = await getWorkspacePolicy(task.workspaceId, tx);
      const name = (task.detail as unknown as RemediationDetail).identity?.name ?? task.identityId;
      const rule = await tx.triggerRule.findFirst({ where: { workspaceId: task.workspaceId, kind: "REMEDIATION_OVERDUE" }, select: { id: true, enabled: true } });
      if (rule && !rule.enabled) return false;
      const finding = await tx.finding.create({
        data: { workspaceId: task.workspaceId, ruleId: rule?.id ?? null, kind: "REMEDIATION_OVERDUE", identityId: task.identityId, severity: "HIGH", sentence: overdueSentence(task, name, policy.remediationSlaDays, now), detail: { taskId: task.id, status: task.status, dueAt: task.dueAt.toISOString() } },
      });
      await recordAudit(tx, systemActor(task.workspaceId, "remediation-sla"), "finding.opened", { type: "Finding", id: finding.id }, { kind: "REMEDIATION_OVERDUE", taskId: task.id });
      return true;
    });
    if (created) flagged++;
  }
  return flagged;
}

export const executeRemediationJob = defineJob({
  name: "remediation.execute",
  input: z.object({ taskId: z.string() }),
  async handle({ taskId }) {
    await executeWebhookTask(taskId);
  },
});

export const remediationSweepJob = defineJob({
  name: "remediation.sweep",
  input: z.object({ workspaceId: z.string().optional() }),
  cron: "*/5 * * * *",
  async handle({ workspaceId }) {
    await retryDueWebhooks(new Date(), workspaceId);
    await flagOverdueRemediation(new Date(), workspaceId);
  },
});
