"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { paramSpecs, updateTriggerRuleInput, type ParamName } from "@/lib/triggers/schema";
import { updateTriggerRuleAction } from "@/app/(app)/triggers/actions";

type FormIn = z.input<typeof updateTriggerRuleInput>;
type FormOut = z.output<typeof updateTriggerRuleInput>;

export type RuleCardProps = {
  rule: { id: string; kind: FormOut["kind"]; enabled: boolean; cooldownHours: number; params: Record<string, number> };
  title: string;
  what: string;
  paramNames: ParamName[];
  lastFired: string | null;
  last30Days: number;
};

export function TriggerRuleCard({ rule, title, what, paramNames, lastFired, last30Days }: RuleCardProps) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(updateTriggerRuleInput),
    defaultValues: { ruleId: rule.id, kind: rule.kind, enabled: rule.enabled, cooldownHours: rule.cooldownHours, params: Object.fromEntries(paramNames.map((p) => [p, rule.params[p] ?? paramSpecs[p].min])) },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const id = (s: string) => `${rule.kind.toLowerCase()}-${s}`;

  async function onSubmit(values: FormOut) {
    setMessage(null);
    const result = await updateTriggerRuleAction(values);
    if (!result.ok) {
      setMessage({ ok: false, text: result.message });
      for (const [field, text] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof FormIn, { message: text });
      return;
    }
    form.reset(values);
    setMessage({ ok: true, text: "Saved." });
  }

  return (
    <li className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-3">
        <div className="flex items-start justify-between gap-3">
          <div>
            <h2 id={id("title")} className="font-medium">{title}</h2>
            <p className="text-zinc-600 dark:text-zinc-400">{what}</p>
          </div>
          <label className="flex shrink-0 items-center gap-2">
            <input type="checkbox" {...form.register("enabled")} aria-describedby={id("title")} /> On
          </label>
        </div>
        <p className="text-xs text-zinc-500" data-testid={`rule-stats-${rule.kind}`}>
          {lastFired ? `Last fired ${lastFired}` : "Never fired"} · {last30Days} in the last 30 days
        </p>
        <div className="grid grid-cols-2 gap-2">
          {paramNames.map((p) => (
            <div key={p}>
              <label htmlFor={id(p)} className="block text-xs text-zinc-600 dark:text-zinc-400">{paramSpecs[p].label}</label>
              <input id={id(p)} type="number" min={paramSpecs[p].min} max={paramSpecs[p].max} {...form.register(`params.${p}`)}
                aria-invalid={Boolean(errors.params?.[p])} className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" />
              {errors.params?.[p] ? <p className="text-xs text-red-700 dark:text-red-400">{errors.params[p]?.message}</p> : null}
            </div>
          ))}
          <div>
            <label htmlFor={id("cooldown")} className="block text-xs text-zinc-600 dark:text-zinc-400">Cooldown per identity (hours)</label>
            <input id={id("cooldown")} type="number" min={0} max={8760} {...form.register("cooldownHours")} aria-invalid={Boolean(errors.cooldownHours)}
              className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" />
            {errors.cooldownHours ? <p className="text-xs text-red-700 dark:text-red-400">{errors.cooldownHours.message}</p> : null}
          </div>
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" disabled={isSubmitting || !isDirty} className="rounded-md bg-accent px-3 py-1 font-medium text-accent-fg disabled:opacity-50">Save {title.toLowerCase()}</button>
          {message ? <span role={message.ok ? "status" : "alert"} className={message.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>{message.text}</span> : null}
        </div>
      </form>
    </li>
  );
}
