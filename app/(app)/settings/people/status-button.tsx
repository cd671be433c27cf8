"use client";

import { useState, useTransition } from "react";
import { setUserStatusAction } from "@/app/(app)/settings/people/actions";

export function StatusButton({ userId, name, status, identities }: { userId: string; name: string; status: "ACTIVE" | "DEPARTED"; identities: number }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const departing = status === "ACTIVE";
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={departing ? `Mark ${name} as departed` : `Mark ${name} as active again`}
        className={`underline disabled:opacity-60 ${departing ? "text-red-700 dark:text-red-400" : ""}`}
        onClick={() => {
          const question = departing
            ? `Mark ${name} as departed? They can no longer sign in${identities ? `, and the ${identities} identit${identities === 1 ? "y" : "ies"} they own become orphans` : ""}.`
            : `Mark ${name} as active again?`;
          if (!window.confirm(question)) return;
          startTransition(async () => {
            const result = await setUserStatusAction({ userId, status: departing ? "DEPARTED" : "ACTIVE" });
            setMessage(result.ok ? (departing ? `${result.data.identities} identit${result.data.identities === 1 ? "y" : "ies"} orphaned` : "Active again") : result.message);
          });
        }}
      >
        {departing ? "Mark departed" : "Reactivate"}
      </button>
      {message ? <span role="status" className="ml-2 text-xs">{message}</span> : null}
    </>
  );
}
