"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While the population is being frozen, refresh the page every second to show the job's progress. */
export function LaunchProgress({ done, total }: { done: number; total: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [router]);
  const pct = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <p className="font-medium">Launching: freezing the population…</p>
      <div className="mt-2 h-2 w-full rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-label="Launch progress" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-2 rounded bg-accent" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">{done.toLocaleString("en")} of {total.toLocaleString("en")} review items created</p>
    </div>
  );
}
