"use client";

import { useActionState } from "react";
import { demoSignInAction, type SignInState } from "@/app/signin/actions";

type DemoUser = { id: string; name: string; email: string; role: string; workspace: { name: string } };

const roleLabel: Record<string, string> = {
  ADMIN: "Admin",
  COMPLIANCE_MANAGER: "Compliance manager",
  AUDITOR: "Auditor",
  MEMBER: "Owner (member)",
};

export function DemoSignInForm({ users }: { users: DemoUser[] }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(demoSignInAction, {});
  return (
    <form action={formAction} className="space-y-3">
      <label htmlFor="demo-user" className="block text-sm font-medium">Sign in as a demo person</label>
      <select id="demo-user" name="userId" required className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900">
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {roleLabel[u.role] ?? u.role} — {u.name} ({u.email}) · {u.workspace.name}
          </option>
        ))}
      </select>
      {state.message ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{state.message}</p> : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
