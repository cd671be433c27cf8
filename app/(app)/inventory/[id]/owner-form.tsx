"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { setIdentityOwnerInput } from "@/lib/ownership/schema";
import { setIdentityOwnerAction } from "@/app/(app)/inventory/[id]/actions";

type FormIn = z.input<typeof setIdentityOwnerInput>;
type FormOut = z.output<typeof setIdentityOwnerInput>;
type Option = { id: string; name: string; email?: string };

const field = "mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";

/** Manual owner change (audited); the same zod schema validates here and in the server action. */
export function OwnerForm({ identityId, ownerId, owningTeamId, users, teams }: { identityId: string; ownerId: string | null; owningTeamId: string | null; users: Option[]; teams: Option[] }) {
  const [saved, setSaved] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(setIdentityOwnerInput),
    defaultValues: { identityId, ownerId: ownerId ?? "", owningTeamId: owningTeamId ?? "", reason: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: FormOut) {
    setServerError(null);
    setSaved(null);
    const result = await setIdentityOwnerAction({ ...values, ownerId: values.ownerId ?? "", owningTeamId: values.owningTeamId ?? "" });
    if (!result.ok) {
      setServerError(result.message);
      for (const [name, message] of Object.entries(result.fieldErrors ?? {})) form.setError(name as keyof FormIn, { message });
      return;
    }
    setSaved(result.data.changed ? "Owner changed. Later syncs and ownership rules will keep this choice." : "Nothing to change.");
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="mt-3 space-y-2 text-sm" noValidate aria-label="Change owner">
      <input type="hidden" {...form.register("identityId")} />
      <div>
        <label htmlFor="owner-user" className="font-medium">Owner</label>
        <select id="owner-user" {...form.register("ownerId")} aria-invalid={Boolean(errors.ownerId)} aria-describedby="owner-user-error" className={field}>
          <option value="">No person (team only)</option>
          {users.map((u) => <option key={u.id} value={u.id}>{u.name}{u.email ? ` <${u.email}>` : ""}</option>)}
        </select>
        {errors.ownerId ? <p id="owner-user-error" className="text-red-700 dark:text-red-400">{errors.ownerId.message}</p> : null}
      </div>
      <div>
        <label htmlFor="owner-team" className="font-medium">Owning team</label>
        <select id="owner-team" {...form.register("owningTeamId")} className={field}>
          <option value="">No team</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="owner-reason" className="font-medium">Reason (kept in the audit log)</label>
        <input id="owner-reason" {...form.register("reason")} className={field} placeholder="e.g. Ana moved to Payments" />
        {errors.reason ? <p className="text-red-700 dark:text-red-400">{errors.reason.message}</p> : null}
      </div>
      {serverError ? <p role="alert" className="text-red-700 dark:text-red-400">{serverError}</p> : null}
      {saved ? <p role="status" className="text-emerald-800 dark:text-emerald-300">{saved}</p> : null}
      <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">Save owner</button>
    </form>
  );
}
