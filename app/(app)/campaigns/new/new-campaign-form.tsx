"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { createCampaignInput, identityKinds } from "@/lib/campaigns/schema";
import { countScopeAction, createCampaignAction, launchCampaignAction } from "@/app/(app)/campaigns/actions";

type FormIn = z.input<typeof createCampaignInput>;
type FormOut = z.output<typeof createCampaignInput>;
type Options = { sources: { id: string; name: string; kind: string; lastSyncedAt: string | null }[]; environments: string[]; owners: { id: string; name: string; email: string }[] };
type Count = { total: number; sources: { id: string; name: string; count: number }[]; stale: string[] } | null;

const DAY = 86_400_000;
const field = "mt-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";
const label = (s: string) => s.replaceAll("_", " ").toLowerCase();
const parseCadence = (v: unknown) => (typeof v === "string" ? v.split(/[,\s]+/).filter(Boolean).map(Number) : v);
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** New scheduled campaign: scope with a live count, schedule and chasing rules, then a review step before launch. */
export function NewCampaignForm({ options }: { options: Options }) {
  const router = useRouter();
  const [count, setCount] = useState<Count>(null);
  const [review, setReview] = useState<FormOut | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(createCampaignInput),
    defaultValues: {
      name: "",
      scope: { sourceIds: [], kinds: [], environments: [], privileged: "any", ownerIds: [], orphans: false, tags: [] },
      dueAt: new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10),
      recurrence: "NONE",
      reminderCadence: [-3, 0],
      escalationAfterDays: 7,
      defaultOnNoResponse: "ESCALATE_ONLY",
    },
  });
  const tags = useFieldArray({ control: form.control, name: "scope.tags" });
  const scope = useWatch({ control: form.control, name: "scope" });
  const scopeKey = JSON.stringify(scope);
  const { errors } = form.formState;

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await countScopeAction(JSON.parse(scopeKey) as FormIn["scope"]);
      if (!cancelled) setCount(result.ok ? result.data : null);
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [scopeKey]);

  async function save(launch: boolean) {
    if (!review) return;
    setBusy(true);
    setServerError(null);
    const created = await createCampaignAction(review);
    if (!created.ok) {
      setBusy(false);
      setServerError(created.message);
      return;
    }
    if (launch) {
      const launched = await launchCampaignAction({ campaignId: created.data.id, acknowledgeStaleSources: acknowledged });
      if (!launched.ok) {
        setBusy(false);
        setServerError(`Saved as a draft, not launched: ${launched.message}`);
        router.push(`/campaigns/${created.data.id}`);
        return;
      }
    }
    router.push(`/campaigns/${created.data.id}`);
  }

  if (review) {
    const stale = count?.stale ?? [];
    return (
      <section aria-labelledby="review-step" className="max-w-2xl space-y-4 rounded-lg border border-zinc-200 bg-white p-5 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="review-step" className="text-base font-semibold">Review before launch</h2>
        <dl className="grid grid-cols-[12rem_1fr] gap-y-1">
          <dt className="text-zinc-500">Name</dt><dd>{review.name}</dd>
          <dt className="text-zinc-500">Identities in scope</dt><dd data-testid="review-count">{count?.total ?? "…"}</dd>
          <dt className="text-zinc-500">Per source</dt><dd>{count?.sources.map((s) => `${s.name}: ${s.count}`).join(" · ") || "—"}</dd>
          <dt className="text-zinc-500">Due</dt><dd>{review.dueAt.toISOString().slice(0, 10)}{review.recurrence !== "NONE" ? ` · repeats ${label(review.recurrence)}` : ""}</dd>
          <dt className="text-zinc-500">Reminders</dt><dd>{review.reminderCadence.map((d) => (d < 0 ? `${-d} days before` : d === 0 ? "on the due date" : `every ${d} days after`)).join(", ") || "none"}</dd>
          <dt className="text-zinc-500">Escalation</dt><dd>to the manager or team lead after {review.escalationAfterDays} days without an answer</dd>
          <dt className="text-zinc-500">At the deadline</dt><dd>{review.defaultOnNoResponse === "KEEP" ? "keep unanswered items" : review.defaultOnNoResponse === "REVOKE" ? "revoke unanswered items" : "leave them open and flag them"}</dd>
        </dl>
        {stale.length ? (
          <div role="alert" className="rounded-md bg-amber-50 p-3 text-amber-950">
            <p className="font-medium">Stale sources: the population may not match reality.</p>
            <ul className="list-disc pl-5">{stale.map((s) => <li key={s}>{s}</li>)}</ul>
            <label className="mt-2 flex items-center gap-2"><input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> Launch anyway with these sources as they are</label>
          </div>
        ) : null}
        {serverError ? <p role="alert" className="text-red-700 dark:text-red-400">{serverError}</p> : null}
        <div className="flex gap-2">
          <button type="button" onClick={() => setReview(null)} className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">Back</button>
          <button type="button" disabled={busy} onClick={() => save(false)} className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">Save as draft</button>
          <button type="button" disabled={busy || (stale.length > 0 && !acknowledged) || !count?.total} onClick={() => save(true)} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-50">Launch campaign</button>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={form.handleSubmit((values) => setReview(values))} noValidate className="grid gap-6 text-sm lg:grid-cols-[1fr_18rem]">
      <div className="space-y-5">
        <div>
          <label htmlFor="campaign-name" className="block font-medium">Name</label>
          <input id="campaign-name" {...form.register("name")} className={`${field} w-full`} />
          {errors.name ? <p className="text-red-700 dark:text-red-400">{errors.name.message}</p> : null}
        </div>
        <fieldset className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <legend className="px-1 font-medium">Scope (leave a list empty for “any”)</legend>
          <fieldset><legend className="text-zinc-600 dark:text-zinc-400">Sources</legend>
            <div className="mt-1 flex flex-wrap gap-3">{options.sources.map((s) => <label key={s.id} className="flex items-center gap-1"><input type="checkbox" value={s.id} {...form.register("scope.sourceIds")} />{s.name}</label>)}</div>
          </fieldset>
          <fieldset><legend className="text-zinc-600 dark:text-zinc-400">Kinds</legend>
            <div className="mt-1 flex flex-wrap gap-3">{identityKinds.map((k) => <label key={k} className="flex items-center gap-1"><input type="checkbox" value={k} {...form.register("scope.kinds")} />{label(k)}</label>)}</div>
          </fieldset>
          <fieldset><legend className="text-zinc-600 dark:text-zinc-400">Environments</legend>
            <div className="mt-1 flex flex-wrap gap-3">{options.environments.map((e) => <label key={e} className="flex items-center gap-1"><input type="checkbox" value={e} {...form.register("scope.environments")} />{e}</label>)}</div>
          </fieldset>
          <div className="flex flex-wrap gap-6">
            <label className="flex flex-col">Privileged
              <select {...form.register("scope.privileged")} className={field}><option value="any">Any</option><option value="only">Privileged only</option><option value="exclude">Not privileged</option></select>
            </label>
            <label className="flex flex-col">Owners
              <select multiple size={4} {...form.register("scope.ownerIds")} className={`${field} min-w-56`}>{options.owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
            </label>
            <label className="flex items-center gap-2 self-end"><input type="checkbox" {...form.register("scope.orphans")} />Include orphans (no active owner)</label>
          </div>
          <div>
            <p className="text-zinc-600 dark:text-zinc-400">Tags</p>
            {tags.fields.map((t, i) => (
              <div key={t.id} className="mt-1 flex items-center gap-2">
                <input aria-label={`Tag ${i + 1} key`} placeholder="key" {...form.register(`scope.tags.${i}.key`)} className={field} />
                <input aria-label={`Tag ${i + 1} value`} placeholder="value" {...form.register(`scope.tags.${i}.value`)} className={field} />
                <button type="button" onClick={() => tags.remove(i)} className="underline">Remove</button>
              </div>
            ))}
            <button type="button" onClick={() => tags.append({ key: "", value: "" })} className="mt-1 underline">Add tag filter</button>
          </div>
        </fieldset>
        <fieldset className="grid grid-cols-2 gap-4 rounded-lg border border-zinc-200 p-4 md:grid-cols-3 dark:border-zinc-800">
          <legend className="px-1 font-medium">Schedule and chasing</legend>
          <label className="flex flex-col">Starts (empty = at launch)
            <input type="date" {...form.register("startsAt", { setValueAs: blankToUndefined })} className={field} />
          </label>
          <label className="flex flex-col">Due date
            <input type="date" {...form.register("dueAt")} aria-invalid={Boolean(errors.dueAt)} className={field} />
            {errors.dueAt ? <span className="text-red-700 dark:text-red-400">{errors.dueAt.message}</span> : null}
          </label>
          <label className="flex flex-col">Repeats
            <select {...form.register("recurrence")} className={field}><option value="NONE">Does not repeat</option><option value="MONTHLY">Monthly</option><option value="QUARTERLY">Quarterly</option><option value="YEARLY">Yearly</option></select>
          </label>
          <label className="flex flex-col">Reminders (days from due, e.g. -3, 0, 1)
            <input {...form.register("reminderCadence", { setValueAs: parseCadence })} className={field} />
            {errors.reminderCadence ? <span className="text-red-700 dark:text-red-400">Use whole numbers of days between -90 and 30</span> : null}
          </label>
          <label className="flex flex-col">Escalate after (days)
            <input type="number" min={1} max={90} {...form.register("escalationAfterDays")} className={field} />
            {errors.escalationAfterDays ? <span className="text-red-700 dark:text-red-400">{errors.escalationAfterDays.message}</span> : null}
          </label>
          <label className="flex flex-col">At the deadline, unanswered items
            <select {...form.register("defaultOnNoResponse")} className={field}><option value="ESCALATE_ONLY">Stay open and flagged</option><option value="KEEP">Are kept</option><option value="REVOKE">Are revoked</option></select>
          </label>
        </fieldset>
        <button type="submit" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-fg">Review</button>
      </div>
      <aside aria-live="polite" className="h-fit rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <p className="text-3xl font-semibold" data-testid="scope-count">{count ? count.total.toLocaleString("en") : "…"}</p>
        <p className="text-zinc-600 dark:text-zinc-400">identities in scope</p>
        <ul className="mt-3 space-y-1">{count?.sources.map((s) => <li key={s.id}>{s.name}: {s.count.toLocaleString("en")}</li>)}</ul>
        {count?.stale.length ? <ul className="mt-3 space-y-1 text-amber-900 dark:text-amber-300">{count.stale.map((s) => <li key={s}>⚠ {s}</li>)}</ul> : null}
      </aside>
    </form>
  );
}
