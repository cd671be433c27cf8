import type { z } from "zod";

export type JobDefinition<N extends string, S extends z.ZodType> = {
  name: N;
  input: S;
  /** cron expression (UTC) when the job also runs on a schedule, e.g. nightly checks */
  cron?: string;
  /** seconds pg-boss waits before retrying; the handler throws to retry */
  retryLimit?: number;
  handle: (input: z.infer<S>) => Promise<void>;
};

/**
 * One definition per job: a name, a zod input and a handler. Handlers re-read the state they need,
 * do nothing when the work is stale, and throw to be retried (never return a failure value).
 */
export function defineJob<const N extends string, S extends z.ZodType>(definition: JobDefinition<N, S>): JobDefinition<N, S> {
  return definition;
}
