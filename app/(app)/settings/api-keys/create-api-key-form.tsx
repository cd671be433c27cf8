"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { createApiKeyInput } from "@/lib/api-keys/schema";
import { createApiKeyAction } from "@/app/(app)/settings/api-keys/actions";

type FormIn = z.input<typeof createApiKeyInput>;
type FormOut = z.output<typeof createApiKeyInput>;

export function CreateApiKeyForm({ scopes }: { scopes: readonly string[] }) {
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(createApiKeyInput),
    defaultValues: { name: "", scopes: [], expiresInDays: 90 },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: FormOut) {
    setServerError(null);
    const result = await createApiKeyAction(values);
    if (!result.ok) {
      setServerError(result.message);
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof FormIn, { message });
      return;
    }
    setCreated({ name: result.data.name, secret: result.data.secret });
    form.reset();
  }

  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="mb-3 font-medium">New API key</h2>
      {created ? (
        <div role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-medium">Copy the secret for “{created.name}” now — it is shown only once.</p>
          <code data-testid="api-key-secret" className="mt-2 block break-all rounded bg-white p-2">{created.secret}</code>
        </div>
      ) : null}
      <form onSubmit={form.handleSubmit(onSubmit)} className="space-y-3 text-sm" noValidate>
        <div>
          <label htmlFor="key-name" className="block font-medium">Name</label>
          <input id="key-name" {...form.register("name")} aria-invalid={Boolean(errors.name)} aria-describedby="key-name-error" className="mt-1 w-72 rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
          {errors.name ? <p id="key-name-error" className="text-red-700 dark:text-red-400">{errors.name.message}</p> : null}
        </div>
        <fieldset>
          <legend className="font-medium">Scopes</legend>
          <div className="mt-1 grid grid-cols-2 gap-1 md:grid-cols-3">
            {scopes.map((s) => (
              <label key={s} className="flex items-center gap-2">
                <input type="checkbox" value={s} {...form.register("scopes")} /> <code>{s}</code>
              </label>
            ))}
          </div>
          {errors.scopes ? <p className="text-red-700 dark:text-red-400">{errors.scopes.message}</p> : null}
        </fieldset>
        <div>
          <label htmlFor="key-expiry" className="block font-medium">Expires after (days)</label>
          <input id="key-expiry" type="number" min={1} max={730} {...form.register("expiresInDays")} className="mt-1 w-32 rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
          {errors.expiresInDays ? <p className="text-red-700 dark:text-red-400">{errors.expiresInDays.message}</p> : null}
        </div>
        {serverError ? <p role="alert" className="text-red-700 dark:text-red-400">{serverError}</p> : null}
        <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">Create key</button>
      </form>
    </div>
  );
}
