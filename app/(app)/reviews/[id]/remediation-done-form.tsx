"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { markRemediationDoneInput } from "@/lib/remediation/schema";
import { markRemediationDoneAction } from "@/app/(app)/reviews/actions";

type FormIn = z.input<typeof markRemediationDoneInput>;
type FormOut = z.output<typeof markRemediationDoneInput>;

/** MANUAL remediation: the assignee records the ticket; the next sync still has to verify it. */
export function RemediationDoneForm({ taskId }: { taskId: string }) {
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(markRemediationDoneInput), defaultValues: { taskId, ticketRef: "" } });
  const { errors, isSubmitting } = form.formState;
  async function onSubmit(values: FormOut) {
    const result = await markRemediationDoneAction(values);
    if (!result.ok) setServerError(result.message);
  }
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-2 flex flex-wrap items-end gap-2 text-sm">
      <input type="hidden" {...form.register("taskId")} />
      <div>
        <label htmlFor="ticket-ref" className="block font-medium">Ticket or change reference</label>
        <input id="ticket-ref" {...form.register("ticketRef")} className="mt-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
        {errors.ticketRef ? <p className="text-red-700 dark:text-red-400">{errors.ticketRef.message}</p> : null}
      </div>
      <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg">Mark done</button>
      {serverError ? <p role="alert" className="w-full text-red-700 dark:text-red-400">{serverError}</p> : null}
    </form>
  );
}
