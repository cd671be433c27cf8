"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { ownerRuleInput } from "@/lib/owner-rules/schema";
import { createOwnerRuleAction, updateOwnerRuleAction } from "@/app/(app)/settings/ownership/actions";

type FormIn = z.input<typeof ownerRuleInput>;
type FormOut = z.output<typeof ownerRuleInput>;
type Choice = { id: string; name: string };
export type RuleFormChoices = { sources: Choice[]; people: (Choice & { email: string })[]; teams: Choice[]; kinds: string[] };

const field = "mt-1 w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";
const kindLabel = (k: string) => k.toLowerCase().replaceAll("_", " ");

/** Add (no `rule`) or edit a rule; the same zod schema checks it here, in the server action and in the API. */
export function RuleForm({ choices, rule }: { choices: RuleFormChoices; rule?: FormOut & { id: string } }) {
  const router = useRouter();
  const [serverError, setServerError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(ownerRuleInput),
    defaultValues: {
      name: rule?.name ?? "", enabled: rule?.enabled ?? true, sourceId: rule?.sourceId ?? "", kind: rule?.kind ?? "", pattern: rule?.pattern ?? "",
      tagKey: rule?.tagKey ?? "", tagValue: rule?.tagValue ?? "", ownerUserId: rule?.ownerUserId ?? "", ownerTeamId: rule?.ownerTeamId ?? "",
    },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: FormOut) {
    setServerError(null);
    setSaved(null);
    const result = rule ? await updateOwnerRuleAction({ ...values, id: rule.id }) : await createOwnerRuleAction(values);
    if (!result.ok) {
      setServerError(result.message);
      for (const [name, message] of Object.entries(result.fieldErrors ?? {})) form.setError(name as keyof FormIn, { message });
      return;
    }
    if (rule) {
      router.push("/settings/ownership");
      return;
    }
    setSaved(`Rule “${values.name}” added at the end of the list. Apply rules now to use it before the next sync.`);
    form.reset();
  }

  const error = (name: keyof FormIn) => {
    const message = errors[name]?.message;
    return message ? <p id={`rule-${name}-error`} className="text-red-700 dark:text-red-400">{message}</p> : null;
  };
  const described = (name: keyof FormIn) => ({ "aria-invalid": Boolean(errors[name]), "aria-describedby": errors[name] ? `rule-${name}-error` : undefined });

  return (
    <form aria-label={rule ? "Edit rule" : "New rule"} onSubmit={form.handleSubmit(onSubmit)} className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900" noValidate>
      <h2 className="font-medium">{rule ? `Edit “${rule.name}”` : "New rule"}</h2>
      {saved ? <p role="status" className="rounded-md bg-zinc-100 p-2 dark:bg-zinc-800">{saved}</p> : null}
      <div className="grid gap-3 md:grid-cols-3">
        <div>
          <label htmlFor="rule-name" className="block font-medium">Rule name</label>
          <input id="rule-name" {...form.register("name")} {...described("name")} className={field} />
          {error("name")}
        </div>
        <div>
          <label htmlFor="rule-source" className="block font-medium">Source</label>
          <select id="rule-source" {...form.register("sourceId")} {...described("sourceId")} className={field}>
            <option value="">Any source</option>
            {choices.sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          {error("sourceId")}
        </div>
        <div>
          <label htmlFor="rule-kind" className="block font-medium">Kind</label>
          <select id="rule-kind" {...form.register("kind")} className={field}>
            <option value="">Any kind</option>
            {choices.kinds.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="rule-pattern" className="block font-medium">Name or external id matches</label>
          <input id="rule-pattern" placeholder="arn:aws:iam::*:role/ci-*" {...form.register("pattern")} {...described("pattern")} className={`${field} font-mono`} />
          <p className="text-xs text-zinc-500">Glob: <code>*</code> any characters, <code>?</code> one; case-insensitive. Empty: any.</p>
          {error("pattern")}
        </div>
        <div>
          <label htmlFor="rule-tag-key" className="block font-medium">Tag key</label>
          <input id="rule-tag-key" placeholder="team" {...form.register("tagKey")} {...described("tagKey")} className={field} />
          {error("tagKey")}
        </div>
        <div>
          <label htmlFor="rule-tag-value" className="block font-medium">Tag value</label>
          <input id="rule-tag-value" placeholder="empty: the tag only has to be present" {...form.register("tagValue")} {...described("tagValue")} className={field} />
          {error("tagValue")}
        </div>
        <div>
          <label htmlFor="rule-owner" className="block font-medium">Owner</label>
          <select id="rule-owner" {...form.register("ownerUserId")} {...described("ownerUserId")} className={field}>
            <option value="">No person</option>
            {choices.people.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.email})</option>)}
          </select>
          {error("ownerUserId")}
        </div>
        <div>
          <label htmlFor="rule-team" className="block font-medium">Owning team</label>
          <select id="rule-team" {...form.register("ownerTeamId")} {...described("ownerTeamId")} className={field}>
            <option value="">No team</option>
            {choices.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
          {error("ownerTeamId")}
        </div>
        <label className="flex items-center gap-2 self-end pb-2">
          <input type="checkbox" {...form.register("enabled")} /> Enabled
        </label>
      </div>
      {serverError ? <p role="alert" className="text-red-700 dark:text-red-400">{serverError}</p> : null}
      <div className="flex gap-3">
        <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">{rule ? "Save rule" : "Add rule"}</button>
        {rule ? <a href="/settings/ownership" className="px-1 py-1.5 underline">Cancel</a> : null}
      </div>
    </form>
  );
}
