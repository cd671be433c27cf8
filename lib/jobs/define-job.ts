import type { z } from "zod";

export type JobDefinition<S extends z.ZodType> = {
  name: string;
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
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}
