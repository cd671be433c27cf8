import { z } from "zod";
import { prefixedId } from "@/lib/ids";

const DAY = 86_400_000;
export const MAX_PERIOD_DAYS = 800;

/** A pack for one campaign, or for a period (scheduled campaigns closed in it, continuous-review items decided in it). */
/** REST body of a period pack: ISO 8601 instants (end exclusive). */
export const periodPackBody = z.object({
  periodStart: z.iso.datetime({ offset: true, error: "Give the start as an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z" }),
  periodEnd: z.iso.datetime({ offset: true, error: "Give the end as an ISO 8601 date-time, e.g. 2026-04-01T00:00:00Z" }),
}).refine((p) => Date.parse(p.periodEnd) > Date.parse(p.periodStart), { path: ["periodEnd"], message: "The period must end after it starts" })
  .refine((p) => Date.parse(p.periodEnd) - Date.parse(p.periodStart) <= MAX_PERIOD_DAYS * DAY, { path: ["periodEnd"], message: `A period covers at most ${MAX_PERIOD_DAYS} days` });

export const periodPackInput = z.object({ periodStart: z.date(), periodEnd: z.date() });

export const requestEvidencePackInput = z.union([z.object({ campaignId: prefixedId("cmp") }), periodPackInput]);
export type RequestEvidencePackInput = z.infer<typeof requestEvidencePackInput>;

/** The web form for a period pack: dates as yyyy-mm-dd; the end day is included. */
export const periodPackForm = z.object({
  periodStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose the first day"),
  periodEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose the last day"),
}).refine((p) => p.periodEnd >= p.periodStart, { path: ["periodEnd"], message: "The last day must not be before the first" });
export type PeriodPackForm = z.infer<typeof periodPackForm>;

export const campaignIdParams = z.object({ id: prefixedId("cmp") });
export const packIdParams = z.object({ id: prefixedId("evp") });
export const buildEvidencePackJobInput = z.object({ packId: prefixedId("evp") });

/** The form's days as the instants of the period: from the first day's start to the end of the last day (UTC). */
export function periodFromForm(form: PeriodPackForm) {
  return { periodStart: new Date(`${form.periodStart}T00:00:00.000Z`), periodEnd: new Date(Date.parse(`${form.periodEnd}T00:00:00.000Z`) + DAY) };
}
