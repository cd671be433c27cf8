import { fromPrisma } from "pg-boss";
import type { Tx } from "@/lib/db";
import { getBoss, JOB_EXPIRE_SECONDS, jobHeartbeatSeconds } from "@/lib/jobs/boss";
import { jobsByName, type JobName, type JobInput } from "@/lib/jobs/registry";

/**
 * Puts a job row into the caller's transaction: it exists if and only if the change that asked for
 * it commits. The input is validated against the job's own schema before it is stored.
 */
export async function enqueue<N extends JobName>(tx: Tx, name: N, input: JobInput<N>): Promise<string | null> {
  const definition = jobsByName[name] as (typeof jobsByName)[JobName];
  const data = definition.input.parse(input) as object;
  const boss = await getBoss();
  return boss.send(name, data, { db: fromPrisma(tx), retryLimit: definition.retryLimit ?? 5, heartbeatSeconds: jobHeartbeatSeconds(), expireInSeconds: JOB_EXPIRE_SECONDS });
}
