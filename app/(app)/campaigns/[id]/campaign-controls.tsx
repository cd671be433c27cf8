"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { closeCampaignInput } from "@/lib/campaigns/schema";
import { closeCampaignAction, launchCampaignAction, remindNowAction } from "@/app/(app)/campaigns/actions";

/** Launch a draft (confirming stale sources when there are any). */
export function LaunchButton({ campaignId, stale }: { campaignId: string; stale: string[] }) {
  const router = useRouter();
  const [ack, setAck] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2 text-sm">
      {stale.length ? (
        <div role="alert" className="rounded-md bg-amber-50 p-3 text-amber-950">
          <ul className="list-disc pl-5">{stale.map((s) => <li key={s}>{s}</li>)}</ul>
          <label className="mt-2 flex items-center gap-2"><input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> Launch anyway with these sources as they are</label>
        </div>
      ) : null}
      <button type="button" disabled={pending || (stale.length > 0 && !ack)} onClick={() => startTransition(async () => {
        const result = await launchCampaignAction({ campaignId, acknowledgeStaleSources: ack });
        if (!result.ok) setError(result.message);
        else router.refresh();
      })} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-50">Launch campaign</button>
      {error ? <p role="alert" className="text-red-700 dark:text-red-400">{error}</p> : null}
    </div>
  );
}

/** Chase now: remind the reviewers of overdue items (mail goes out from a job). */
export function RemindButton({ itemIds, label }: { itemIds: string[]; label: string }) {
  const [state, setState] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span>
      <button type="button" disabled={pending || state === "sent"} aria-label={label} onClick={() => startTransition(async () => {
        const result = await remindNowAction({ itemIds });
        setState(result.ok ? "sent" : result.message);
      })} className="underline disabled:no-underline disabled:opacity-60">{state === "sent" ? "Reminder queued" : "Remind now"}</button>
      {state && state !== "sent" ? <span role="alert" className="ml-2 text-red-700">{state}</span> : null}
    </span>
  );
}

type FormIn = z.input<typeof closeCampaignInput>;
type FormOut = z.output<typeof closeCampaignInput>;

/** Close with sign-off: the statement, who and when are recorded; the campaign becomes read-only. */
export function CloseForm({ campaignId, open }: { campaignId: string; open: number }) {
  const router = useRouter();
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(closeCampaignInput), defaultValues: { campaignId, statement: "" } });
  const { errors, isSubmitting } = form.formState;
  async function onSubmit(values: FormOut) {
    const result = await closeCampaignAction(values);
    if (!result.ok) setServerError(result.message);
    else router.refresh();
  }
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-2 text-sm">
      <input type="hidden" {...form.register("campaignId")} />
      <label htmlFor="sign-off" className="block font-medium">Sign-off statement</label>
      <textarea id="sign-off" rows={3} {...form.register("statement")} aria-invalid={Boolean(errors.statement)} placeholder="I confirm that the access of the identities in this campaign was reviewed by their owners, and revocations are being carried out." className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
      {errors.statement ? <p className="text-red-700 dark:text-red-400">{errors.statement.message}</p> : null}
      {open ? <p className="text-amber-900 dark:text-amber-300">{open} item{open === 1 ? " is" : "s are"} still open; closing records {open === 1 ? "it" : "them"} as unanswered.</p> : null}
      {serverError ? <p role="alert" className="text-red-700 dark:text-red-400">{serverError}</p> : null}
      <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg">Close and sign off</button>
    </form>
  );
}
