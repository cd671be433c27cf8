"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { createSourceInput } from "@/lib/inventory/schema";
import { createSourceAction } from "@/app/(app)/sources/actions";

type FormIn = z.input<typeof createSourceInput>;
type FormOut = z.output<typeof createSourceInput>;
const KINDS = ["AWS", "KUBERNETES", "GITHUB", "OKTA", "GCP", "GENERIC"] as const;
const field = "mt-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";

export function NewSourceForm() {
  const router = useRouter();
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(createSourceInput), defaultValues: { name: "", kind: "AWS", externalRef: "" } });
  const { errors, isSubmitting } = form.formState;
  async function onSubmit(values: FormOut) {
    setServerError(null);
    const result = await createSourceAction(values);
    if (!result.ok) {
      setServerError(result.message);
      for (const [name, message] of Object.entries(result.fieldErrors ?? {})) form.setError(name as keyof FormIn, { message });
      return;
    }
    form.reset();
    router.push(`/sources/${result.data.id}?upload=1`);
  }
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate aria-label="New source" className="flex flex-wrap items-end gap-3 text-sm">
      <div>
        <label htmlFor="source-name" className="block font-medium">Source name</label>
        <input id="source-name" {...form.register("name")} placeholder="aws-prod (123456789012)" aria-invalid={Boolean(errors.name)} aria-describedby="source-name-error" className={`${field} w-72`} />
        {errors.name ? <p id="source-name-error" className="text-red-700 dark:text-red-400">{errors.name.message}</p> : null}
      </div>
      <div>
        <label htmlFor="source-kind" className="block font-medium">Kind</label>
        <select id="source-kind" {...form.register("kind")} className={field}>
          {KINDS.map((k) => <option key={k} value={k}>{k.toLowerCase()}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="source-ref" className="block font-medium">Account / cluster / org (optional)</label>
        <input id="source-ref" {...form.register("externalRef")} className={`${field} w-56`} />
      </div>
      <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">Add source</button>
      {serverError ? <p role="alert" className="w-full text-red-700 dark:text-red-400">{serverError}</p> : null}
    </form>
  );
}
