"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { deleteOwnerRuleAction, moveOwnerRuleAction } from "@/app/(app)/settings/ownership/actions";

export function RuleRowActions({ id, name, first, last }: { id: string; name: string; first: boolean; last: boolean }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = (work: () => Promise<{ ok: true } | { ok: false; message: string }>) =>
    startTransition(async () => {
      const result = await work();
      setMessage(result.ok ? null : result.message);
    });
  const button = "underline disabled:opacity-40";
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <button type="button" className={button} disabled={pending || first} aria-label={`Move ${name} up`} onClick={() => run(() => moveOwnerRuleAction({ id, direction: "up" }))}>Up</button>
      <button type="button" className={button} disabled={pending || last} aria-label={`Move ${name} down`} onClick={() => run(() => moveOwnerRuleAction({ id, direction: "down" }))}>Down</button>
      <Link className="underline" href={`/settings/ownership?edit=${id}`} aria-label={`Edit ${name}`}>Edit</Link>
      <button
        type="button"
        className={`${button} text-red-700 dark:text-red-400`}
        disabled={pending}
        aria-label={`Delete ${name}`}
        onClick={() => {
          if (!window.confirm(`Delete the rule “${name}”? Identities it assigned keep their owner.`)) return;
          run(() => deleteOwnerRuleAction({ id }));
        }}
      >
        Delete
      </button>
      {message ? <span role="alert" className="text-red-700 dark:text-red-400">{message}</span> : null}
    </div>
  );
}
