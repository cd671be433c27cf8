"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { dryRunInput } from "@/lib/triggers/schema";
import type { DryRunResult } from "@/lib/triggers/dry-run";
import { dryRunTriggersAction } from "@/app/(app)/triggers/actions";

type FormIn = z.input<typeof dryRunInput>;
type FormOut = z.output<typeof dryRunInput>;

export function DryRunPanel({ defaultFrom, defaultTo, titles }: { defaultFrom: string; defaultTo: string; titles: Record<string, string> }) {
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(dryRunInput), defaultValues: { from: defaultFrom, to: defaultTo } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: FormOut) {
    setError(null);
    const r = await dryRunTriggersAction(values);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setResult(r.data);
  }

  return (
    <section aria-labelledby="dry-run" className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="dry-run" className="font-medium">Dry run</h2>
      <p className="text-zinc-600 dark:text-zinc-400">Replays stored events through every rule as set above (switched-off rules too), after a 30-day warm-up. Nothing is stored and no review is opened.</p>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="dry-from" className="block text-xs text-zinc-600 dark:text-zinc-400">From</label>
          <input id="dry-from" type="date" {...form.register("from")} className="mt-1 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" />
          {errors.from ? <p className="text-xs text-red-700 dark:text-red-400">{errors.from.message}</p> : null}
        </div>
        <div>
          <label htmlFor="dry-to" className="block text-xs text-zinc-600 dark:text-zinc-400">To</label>
          <input id="dry-to" type="date" {...form.register("to")} className="mt-1 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" />
          {errors.to ? <p className="text-xs text-red-700 dark:text-red-400">{errors.to.message}</p> : null}
        </div>
        <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">{isSubmitting ? "Running…" : "Run dry run"}</button>
      </form>
      {error ? <p role="alert" className="mt-2 text-red-700 dark:text-red-400">{error}</p> : null}
      {result ? (
        <div className="mt-4" data-testid="dry-run-result">
          <p>{result.events.toLocaleString("en-US")} events from {result.from} to {result.to} (plus {result.warmupEvents.toLocaleString("en-US")} warm-up events){result.truncated ? "; stopped at the replay limit" : ""}.</p>
          <table className="mt-2 w-full text-left">
            <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800"><tr><th className="py-1">Rule</th><th>Would have fired</th><th>Now</th></tr></thead>
            <tbody>
              {result.perRule.map((r) => (
                <tr key={r.kind} className="border-b border-zinc-100 dark:border-zinc-900"><td className="py-1">{titles[r.kind] ?? r.kind}</td><td>{r.count}</td><td>{r.enabled ? "on" : "off"}</td></tr>
              ))}
            </tbody>
          </table>
          {result.samples.length ? (
            <>
              <h3 className="mt-3 font-medium">Sample findings</h3>
              <ul className="mt-1 list-disc space-y-1 pl-5">{result.samples.map((s, i) => <li key={i}><span className="text-zinc-500">{titles[s.kind] ?? s.kind}:</span> {s.sentence}</li>)}</ul>
            </>
          ) : <p className="mt-3 text-zinc-500">Nothing would have fired in this range.</p>}
        </div>
      ) : null}
    </section>
  );
}
