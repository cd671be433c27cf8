"use client";

import { useActionState } from "react";
import { emailSignInAction, type SignInState } from "@/app/signin/actions";

export function EmailSignInForm() {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(emailSignInAction, {});
  return (
    <form action={formAction} className="space-y-3">
      <label htmlFor="email" className="block text-sm font-medium">Work email</label>
      <input id="email" name="email" type="email" autoComplete="email" required className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
      {state.message ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{state.message}</p> : null}
      <button type="submit" disabled={pending} className="w-full rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium dark:border-zinc-700">
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
