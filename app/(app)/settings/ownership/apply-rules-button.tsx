"use client";

import { useState, useTransition } from "react";
import { applyOwnerRulesAction } from "@/app/(app)/settings/ownership/actions";

export function ApplyRulesButton({ disabled }: { disabled: boolean }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="text-right text-sm">
      <button
        type="button"
        disabled={disabled || pending}
        className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            const result = await applyOwnerRulesAction();
            if (!result.ok) return setMessage(result.message);
            const r = result.data;
            setMessage(`${r.ownersChanged} owner${r.ownersChanged === 1 ? "" : "s"} changed · ${r.matched} matched · ${r.keptManual} kept (set by hand) · ${r.keptSourceProvided} kept (named by the source)`);
          })
        }
      >
        {pending ? "Applying…" : "Apply rules now"}
      </button>
      {message ? <p role="status" data-testid="apply-result" className="mt-1 max-w-md">{message}</p> : null}
    </div>
  );
}
