const tones: Record<string, string> = {
  PENDING: "bg-amber-100 text-amber-900",
  ESCALATED: "bg-amber-100 text-amber-900 ring-1 ring-red-600",
  DECIDED: "bg-emerald-100 text-emerald-900",
  ATTEST: "bg-emerald-100 text-emerald-900",
  REVOKE: "bg-red-100 text-red-900",
  EXCEPTION: "bg-violet-100 text-violet-900",
  ACTIVE: "bg-emerald-100 text-emerald-900",
  DRAFT: "bg-zinc-200 text-zinc-800",
  CLOSED: "bg-zinc-200 text-zinc-800",
  REMOVED: "bg-zinc-200 text-zinc-800",
  DISABLED: "bg-zinc-200 text-zinc-800",
  CRITICAL: "bg-red-100 text-red-900",
  HIGH: "bg-red-100 text-red-900",
  MEDIUM: "bg-amber-100 text-amber-900",
  LOW: "bg-zinc-200 text-zinc-800",
};

/** Status colours are used for status only (UI.md): amber pending, green kept, red revoked, violet exception. */
export function StatusBadge({ value }: { value: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tones[value] ?? "bg-zinc-200 text-zinc-800"}`}>{value.replaceAll("_", " ").toLowerCase()}</span>;
}
