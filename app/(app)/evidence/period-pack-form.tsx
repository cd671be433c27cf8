"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { periodPackForm, type PeriodPackForm } from "@/lib/evidence/schema";
import { requestPeriodPackAction } from "@/app/(app)/evidence/actions";

/** A pack for a date range: every scheduled campaign closed in it and continuous-review decisions made in it. */
export function PeriodPackFormView() {
  const router = useRouter();
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<PeriodPackForm>({ resolver: zodResolver(periodPackForm), defaultValues: { periodStart: "", periodEnd: "" } });
  const { errors, isSubmitting } = form.formState;
  async function onSubmit(values: PeriodPackForm) {
    setServerError(null);
    const result = await requestPeriodPackAction(values);
    if (!result.ok) {
      setServerError(result.message);
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof PeriodPackForm, { message });
      return;
    }
    router.refresh();
  }
  const input = "mt-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="flex flex-wrap items-end gap-3 text-sm" noValidate>
      <div>
        <label htmlFor="period-start" className="block font-medium">First day</label>
        <input id="period-start" type="date" {...form.register("periodStart")} aria-invalid={Boolean(errors.periodStart)} className={input} />
        {errors.periodStart ? <p className="text-red-700 dark:text-red-400">{errors.periodStart.message}</p> : null}
      </div>
      <div>
        <label htmlFor="period-end" className="block font-medium">Last day</label>
        <input id="period-end" type="date" {...form.register("periodEnd")} aria-invalid={Boolean(errors.periodEnd)} className={input} />
        {errors.periodEnd ? <p className="text-red-700 dark:text-red-400">{errors.periodEnd.message}</p> : null}
      </div>
      <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">Generate period pack</button>
      {serverError ? <p role="alert" className="text-red-700 dark:text-red-400">{serverError}</p> : null}
    </form>
  );
}
