"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { requestCampaignPackAction } from "@/app/(app)/evidence/actions";

/** Queues a pack for the campaign; the page then shows its progress until it is ready. */
export function GeneratePackButton({ campaignId, label = "Generate pack" }: { campaignId: string; label?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await requestCampaignPackAction({ campaignId });
            if (!result.ok) setError(result.message);
            router.refresh();
          })
        }
      >
        {pending ? "Queuing…" : label}
      </button>
      {error ? <span role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</span> : null}
    </span>
  );
}
