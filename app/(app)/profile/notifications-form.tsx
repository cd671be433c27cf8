"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { setNotifyPreferenceInput, type SetNotifyPreferenceInput } from "@/lib/slack/schema";
import { setNotifyPreferenceAction } from "@/app/(app)/profile/actions";

const choices: { value: SetNotifyPreferenceInput["notifyVia"]; label: string; hint: string }[] = [
  { value: "BOTH", label: "Slack and email", hint: "A direct message in Slack and an email." },
  { value: "SLACK", label: "Slack only", hint: "Direct messages with Keep and Revoke buttons; email only until Rollcall has linked your Slack account." },
  { value: "EMAIL", label: "Email only", hint: "No Slack messages unless you ask for them with /rollcall digest." },
];

export function NotificationsForm({ current, slackOn }: { current: SetNotifyPreferenceInput["notifyVia"]; slackOn: boolean }) {
  const [saved, setSaved] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<SetNotifyPreferenceInput>({ resolver: zodResolver(setNotifyPreferenceInput), defaultValues: { notifyVia: current } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: SetNotifyPreferenceInput) {
    setSaved(null);
    setServerError(null);
    const result = await setNotifyPreferenceAction(values);
    if (!result.ok) {
      setServerError(result.fieldErrors?.notifyVia ?? result.message);
      return;
    }
    setSaved(`Saved: ${choices.find((c) => c.value === result.data.notifyVia)?.label.toLowerCase()}.`);
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="max-w-xl space-y-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900" noValidate>
      <fieldset>
        <legend className="font-medium">Tell me about reviews, reminders, escalations and ending exceptions by</legend>
        <div className="mt-2 space-y-2">
          {choices.map((c) => (
            <label key={c.value} className="flex items-start gap-2">
              <input type="radio" value={c.value} {...form.register("notifyVia")} disabled={!slackOn && c.value !== "EMAIL" && c.value !== current} className="mt-1" />
              <span>
                <span className="font-medium">{c.label}</span>
                <span className="block text-zinc-600 dark:text-zinc-400">{c.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.notifyVia ? <p className="text-red-700 dark:text-red-400">{errors.notifyVia.message}</p> : null}
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-60">Save</button>
        {saved ? <span role="status">{saved}</span> : null}
        {serverError ? <span role="alert" className="text-red-700 dark:text-red-400">{serverError}</span> : null}
      </div>
    </form>
  );
}
