"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

type Status = { status: string; progress: number; error: string | null };

/** Polls a pack being built and refreshes the page when it is ready (or failed). */
export function PackProgress({ packId, initial }: { packId: string; initial: Status }) {
  const router = useRouter();
  const [state, setState] = useState<Status>(initial);
  useEffect(() => {
    if (state.status === "READY" || state.status === "FAILED") return;
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/v1/evidence/${packId}`, { cache: "no-store" });
      if (!response.ok) return;
      const next = (await response.json()) as Status;
      setState(next);
      if (next.status === "READY" || next.status === "FAILED") router.refresh();
    }, 1000);
    return () => clearTimeout(timer);
  }, [packId, state, router]);
  if (state.status === "FAILED") return <span role="alert" className="text-red-700 dark:text-red-400">Build failed: {state.error}</span>;
  const label = state.status === "READY" ? "Ready" : state.status === "QUEUED" ? "Queued…" : `Building… ${state.progress}%`;
  return (
    <span className="inline-flex items-center gap-2" data-testid="pack-progress">
      <span className="h-2 w-32 rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-label="Pack build progress" aria-valuenow={state.progress} aria-valuemin={0} aria-valuemax={100}>
        <span className="block h-2 rounded bg-accent transition-all" style={{ width: `${state.progress}%` }} />
      </span>
      <span className="text-xs">{label}</span>
    </span>
  );
}
