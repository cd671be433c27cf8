import type { z } from "zod";
import { verifyAuditChainJob } from "@/lib/audit/verify-audit-chain-job";

/** Every job the worker runs. Adding a job means adding its definition here. */
export const jobs = [verifyAuditChainJob] as const;

type AnyJob = (typeof jobs)[number];
export type JobName = AnyJob["name"];
export type JobInput<N extends JobName> = z.input<Extract<AnyJob, { name: N }>["input"]>;

export const jobsByName = Object.fromEntries(jobs.map((j) => [j.name, j])) as { [N in JobName]: Extract<AnyJob, { name: N }> };
