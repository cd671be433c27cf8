"use client";

import { useState, useTransition } from "react";
import { rotateSigningKeyAction } from "@/app/(app)/settings/signing/actions";

export function RotateKeyButton() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium disabled:opacity-60 dark:border-zinc-700"
        onClick={() => {
          if (!window.confirm("Rotate the evidence signing key? New packs are signed with the new key; packs already issued stay verifiable with the retired key listed here.")) return;
          startTransition(async () => {
            const result = await rotateSigningKeyAction();
            if (!result.ok) setError(result.message);
          });
        }}
      >
        Rotate key
      </button>
      {error ? <span role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</span> : null}
    </span>
  );
}
