import type { z } from "zod";
import { verifyAuditChainJob } from "@/lib/audit/verify-audit-chain-job";
import { slackClickJob, slackExceptionsEndingJob, slackRefreshItemJob, slackSendDigestJob } from "@/lib/slack/jobs";
import { launchCampaignJob } from "@/lib/campaigns/launch-campaign-job";
import { notifyClosedJob } from "@/lib/campaigns/notify-closed-job";
import { notifyAssignedJob } from "@/lib/reviews/notify-assigned-job";
import { remindersJob, remindNowJob } from "@/lib/reviews/reminders-job";
import { escalationsJob } from "@/lib/reviews/escalations-job";
import { exceptionsJob } from "@/lib/reviews/exceptions-job";
import { executeRemediationJob, remediationSweepJob } from "@/lib/remediation/execute-remediation-job";
import { buildEvidencePackJob } from "@/lib/evidence/build-evidence-pack-job";
import { inventoryImportJob } from "@/lib/inventory/import-job";
import { evaluateScheduleJob, processChangesJob } from "@/lib/triggers/trigger-jobs";

/** Every job the worker runs. Adding a job means adding its definition here. */
export const jobs = [verifyAuditChainJob, slackSendDigestJob, slackRefreshItemJob, slackClickJob,
  launchCampaignJob, notifyClosedJob, notifyAssignedJob, remindersJob, remindNowJob, escalationsJob, exceptionsJob, executeRemediationJob, remediationSweepJob, buildEvidencePackJob,
  inventoryImportJob, evaluateScheduleJob, processChangesJob, slackExceptionsEndingJob] as const;

type AnyJob = (typeof jobs)[number];
export type JobName = AnyJob["name"];
export type JobInput<N extends JobName> = z.input<Extract<AnyJob, { name: N }>["input"]>;

export const jobsByName = Object.fromEntries(jobs.map((j) => [j.name, j])) as { [N in JobName]: Extract<AnyJob, { name: N }> };
