"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { decideAction } from "@/app/(app)/reviews/actions";
import { DecisionDialog, type Decided, type DialogDecision, type DialogItem } from "@/app/(app)/reviews/decision-dialog";

/** The decision buttons of the item page; after a decision it moves to the next open item without a reload. */
export function DecisionPanel({ item, highFindings, exceptionMaxDays }: { item: DialogItem; highFindings: boolean; exceptionMaxDays: number }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<DialogDecision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const moveOn = (d: Decided) => {
    router.push(d.nextItemId ? `/reviews/${d.nextItemId}?after=${item.id}` : `/reviews?after=${item.id}`);
  };
  const quick = (decision: "ATTEST" | "REVOKE") => {
    if (decision === "ATTEST" && highFindings) {
      setDialog("ATTEST");
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await decideAction({ itemId: item.id, decision });
      if (!result.ok) setError(result.message);
      else moveOn({ itemId: item.id, kind: result.data.kind, nextItemId: result.data.nextItemId });
    });
  };
  const button = "rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-50";
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2" role="group" aria-label="Decision">
        <button type="button" disabled={pending} onClick={() => quick("ATTEST")} className={`${button} border-emerald-700 text-emerald-800 dark:text-emerald-300`}>Keep</button>
        <button type="button" disabled={pending} onClick={() => quick("REVOKE")} className={`${button} border-red-700 text-red-800 dark:text-red-300`}>Revoke</button>
        <button type="button" disabled={pending} onClick={() => setDialog("REDUCE")} className={`${button} border-zinc-300 dark:border-zinc-700`}>Reduce…</button>
        <button type="button" disabled={pending} onClick={() => setDialog("EXCEPTION")} className={`${button} border-zinc-300 dark:border-zinc-700`}>Exception…</button>
        <button type="button" disabled={pending} onClick={() => setDialog("REASSIGN")} className={`${button} border-zinc-300 dark:border-zinc-700`}>Not mine…</button>
      </div>
      {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
      {dialog ? <DecisionDialog item={item} decision={dialog} exceptionMaxDays={exceptionMaxDays} onClose={() => setDialog(null)} onDecided={moveOn} /> : null}
    </div>
  );
}
