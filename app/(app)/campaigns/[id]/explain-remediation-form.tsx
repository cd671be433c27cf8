"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { explainRemediationInput } from "@/lib/remediation/schema";
import { explainRemediationAction } from "@/app/(app)/campaigns/[id]/remediation-actions";

type FormIn = z.input<typeof explainRemediationInput>;
type FormOut = z.output<typeof explainRemediationInput>;

/** Records why a remediation cannot be verified by a sync; the evidence pack counts it as explained. */
export function ExplainRemediationForm({ taskId, identityName, current }: { taskId: string; identityName: string; current: string | null }) {
  const [open, setOpen] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(explainRemediationInput), defaultValues: { taskId, explanation: current ?? "" } });
  const { errors, isSubmitting } = form.formState;
  const fieldId = `explain-${taskId}`;
  async function onSubmit(values: FormOut) {
    setServerError(null);
    const result = await explainRemediationAction(values);
    if (!result.ok) setServerError(result.fieldErrors?.explanation ?? result.message);
    else setOpen(false);
  }
  if (!open) {
    return <button type="button" onClick={() => setOpen(true)} className="text-sm text-accent underline">{current ? "Edit explanation" : "Explain"}<span className="sr-only"> the remediation of {identityName}</span></button>;
  }
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-1 space-y-1 text-sm">
      <input type="hidden" {...form.register("taskId")} />
      <label htmlFor={fieldId} className="block font-medium">Why can this not be verified by a sync?</label>
      <textarea id={fieldId} rows={3} {...form.register("explanation")} className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
      {errors.explanation ? <p className="text-red-700 dark:text-red-400">{errors.explanation.message}</p> : null}
      <div className="flex gap-2">
        <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg">Save explanation</button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">Cancel</button>
      </div>
      {serverError ? <p role="alert" className="text-red-700 dark:text-red-400">{serverError}</p> : null}
    </form>
  );
}
