"use client";

import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { decideInput } from "@/lib/reviews/schema";
import { decideAction } from "@/app/(app)/reviews/actions";

type FormIn = z.input<typeof decideInput>;
type FormOut = z.output<typeof decideInput>;
export type DialogDecision = "ATTEST" | "REDUCE" | "EXCEPTION" | "REASSIGN";
export type DialogItem = { id: string; name: string; entitlements: { id: string; name: string; resource: string; privileged: boolean }[] };
export type Decided = { itemId: string; kind: string; nextItemId: string | null };

const titles: Record<DialogDecision, string> = { ATTEST: "Keep", REDUCE: "Reduce access", EXCEPTION: "Grant an exception", REASSIGN: "Not mine" };
const submitLabels: Record<DialogDecision, string> = { ATTEST: "Keep", REDUCE: "Remove selected", EXCEPTION: "Grant exception", REASSIGN: "Reassign" };
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const DAY = 86_400_000;

/** Reduce…, Exception…, Not mine… (and Keep with a reason): one form on the shared decideInput schema. */
export function DecisionDialog({ item, decision, exceptionMaxDays, onClose, onDecided }: { item: DialogItem; decision: DialogDecision; exceptionMaxDays: number; onClose: () => void; onDecided: (d: Decided) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(decideInput),
    defaultValues: { itemId: item.id, decision, justification: "", removeEntitlementIds: [] },
  });
  const { errors, isSubmitting } = form.formState;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function onSubmit(values: FormOut) {
    setServerError(null);
    const result = await decideAction({ ...values, justification: values.justification || undefined });
    if (!result.ok) {
      setServerError(result.message);
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof FormIn, { message });
      return;
    }
    ref.current?.close();
    onDecided({ itemId: item.id, kind: result.data.kind, nextItemId: result.data.nextItemId });
  }

  const maxDate = new Date(Date.now() + exceptionMaxDays * DAY).toISOString().slice(0, 10);
  const minDate = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="decision-title" className="w-full max-w-lg rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/30 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100">
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-4 p-5 text-sm">
        <h2 id="decision-title" className="text-base font-semibold">{titles[decision]}: {item.name}</h2>
        <input type="hidden" {...form.register("itemId")} />
        <input type="hidden" {...form.register("decision")} />
        {decision === "REDUCE" ? (
          <fieldset>
            <legend className="font-medium">Entitlements to remove</legend>
            <div className="mt-2 max-h-56 space-y-1 overflow-auto">
              {item.entitlements.map((e) => (
                <label key={e.id} className="flex items-center gap-2">
                  <input type="checkbox" value={e.id} {...form.register("removeEntitlementIds")} />
                  <span>{e.name} <span className="text-zinc-500">on {e.resource}</span>{e.privileged ? <span className="ml-1 text-red-700 dark:text-red-400">privileged</span> : null}</span>
                </label>
              ))}
            </div>
            {errors.removeEntitlementIds ? <p className="text-red-700 dark:text-red-400">{errors.removeEntitlementIds.message}</p> : null}
          </fieldset>
        ) : null}
        {decision === "EXCEPTION" ? (
          <div>
            <label htmlFor="exception-until" className="block font-medium">Until</label>
            <input id="exception-until" type="date" min={minDate} max={maxDate} {...form.register("exceptionUntil", { setValueAs: blankToUndefined })} aria-invalid={Boolean(errors.exceptionUntil)} className="mt-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
            <p className="text-xs text-zinc-500">At most {exceptionMaxDays} days (workspace policy). A new review opens when it ends.</p>
            {errors.exceptionUntil ? <p className="text-red-700 dark:text-red-400">{errors.exceptionUntil.message}</p> : null}
          </div>
        ) : null}
        {decision === "REASSIGN" ? (
          <div>
            <label htmlFor="new-owner" className="block font-medium">Owner&apos;s email</label>
            <input id="new-owner" type="email" {...form.register("newOwnerEmail", { setValueAs: blankToUndefined })} aria-invalid={Boolean(errors.newOwnerEmail)} className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
            <p className="text-xs text-zinc-500">The identity moves to them and the ownership change is recorded.</p>
            {errors.newOwnerEmail ? <p className="text-red-700 dark:text-red-400">{errors.newOwnerEmail.message}</p> : null}
          </div>
        ) : null}
        <div>
          <label htmlFor="justification" className="block font-medium">Justification{decision === "REDUCE" ? " (optional)" : ""}</label>
          <textarea id="justification" rows={3} {...form.register("justification")} aria-invalid={Boolean(errors.justification)} className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
          {errors.justification ? <p className="text-red-700 dark:text-red-400">{errors.justification.message}</p> : null}
        </div>
        {serverError ? <p role="alert" className="text-red-700 dark:text-red-400">{serverError}</p> : null}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={() => ref.current?.close()} className="rounded-md px-3 py-1.5 underline">Cancel</button>
          <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">{submitLabels[decision]}</button>
        </div>
      </form>
    </dialog>
  );
}
