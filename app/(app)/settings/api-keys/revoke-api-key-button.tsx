"use client";

import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/(app)/settings/api-keys/actions";

export function RevokeApiKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        className="text-red-700 underline disabled:opacity-60 dark:text-red-400"
        aria-label={`Revoke ${name}`}
        onClick={() => {
          if (!window.confirm(`Revoke “${name}”? Anything using it stops working at once.`)) return;
          startTransition(async () => {
            const result = await revokeApiKeyAction({ apiKeyId });
            if (!result.ok) setError(result.message);
          });
        }}
      >
        Revoke
      </button>
      {error ? <span role="alert" className="ml-2 text-red-700">{error}</span> : null}
    </>
  );
}
