"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { createDelegationInput } from "@/lib/reviews/schema";
import { createDelegationAction } from "@/app/(app)/reviews/actions";

type FormIn = z.input<typeof createDelegationInput>;
type FormOut = z.output<typeof createDelegationInput>;
const input = "mt-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";

/** Out of office: name someone who may decide your reviews between two dates. */
export function DelegationForm() {
  const [done, setDone] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(createDelegationInput), defaultValues: { delegateEmail: "" } });
  const { errors, isSubmitting } = form.formState;
  async function onSubmit(values: FormOut) {
    setServerError(null);
    const result = await createDelegationAction(values);
    if (!result.ok) {
      setServerError(result.message);
      return;
    }
    setDone(`${values.delegateEmail} may decide your reviews from ${values.startsAt.toISOString().slice(0, 10)} to ${values.endsAt.toISOString().slice(0, 10)}.`);
    form.reset();
  }
  return (
    <details className="mt-8 rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="cursor-pointer font-medium">Out of office? Name a delegate</summary>
      {done ? <p role="status" className="mt-2 text-emerald-800 dark:text-emerald-300">{done}</p> : null}
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="delegate-email" className="block font-medium">Delegate&apos;s email</label>
          <input id="delegate-email" type="email" {...form.register("delegateEmail")} className={input} />
          {errors.delegateEmail ? <p className="text-red-700 dark:text-red-400">{errors.delegateEmail.message}</p> : null}
        </div>
        <div>
          <label htmlFor="delegate-from" className="block font-medium">From</label>
          <input id="delegate-from" type="date" {...form.register("startsAt")} className={input} />
          {errors.startsAt ? <p className="text-red-700 dark:text-red-400">{errors.startsAt.message}</p> : null}
        </div>
        <div>
          <label htmlFor="delegate-to" className="block font-medium">Until</label>
          <input id="delegate-to" type="date" {...form.register("endsAt")} className={input} />
          {errors.endsAt ? <p className="text-red-700 dark:text-red-400">{errors.endsAt.message}</p> : null}
        </div>
        <button type="submit" disabled={isSubmitting} className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">Save delegation</button>
        {serverError ? <p role="alert" className="w-full text-red-700 dark:text-red-400">{serverError}</p> : null}
      </form>
    </details>
  );
}
