"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState, useTransition } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import { bulkAttestAction, decideAction } from "@/app/(app)/reviews/actions";
import { DecisionDialog, type DialogDecision, type DialogItem } from "@/app/(app)/reviews/decision-dialog";

export type InboxRow = DialogItem & {
  kind: string;
  source: string;
  reason: string;
  findingsCount: number;
  highFindings: boolean;
  lastUsed: string;
  blastRadius: number;
  due: string;
  overdue: boolean;
  status: string;
  campaignId: string;
  campaignName: string;
  recommendation: string | null;
};

const done = { ATTEST: "Kept", REVOKE: "Revoked", REDUCE: "Reduced", EXCEPTION: "Exception granted for", REASSIGN: "Reassigned" } as Record<string, string>;

/**
 * The owner's list: grouped by campaign in urgency order, keyboard-operable (j/k move, a keep, r revoke,
 * x select, shift-a keep selected — only items without findings), rows leave the list once decided.
 */
export function InboxList({ rows, exceptionMaxDays }: { rows: InboxRow[]; exceptionMaxDays: number }) {
  const router = useRouter();
  const [decided, setDecided] = useState<Map<string, string>>(new Map());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [dialog, setDialog] = useState<{ item: InboxRow; decision: DialogDecision } | null>(null);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const visible = useMemo(() => {
    const open = rows.filter((r) => !decided.has(r.id));
    const order: string[] = [];
    for (const r of open) if (!order.includes(r.campaignId)) order.push(r.campaignId);
    return order.flatMap((c) => open.filter((r) => r.campaignId === c));
  }, [rows, decided]);
  const current = visible[Math.min(cursor, visible.length - 1)];

  const markDone = useCallback((item: InboxRow, kind: string) => {
    setDecided((m) => new Map(m).set(item.id, kind));
    setSelected((s) => {
      const n = new Set(s);
      n.delete(item.id);
      return n;
    });
    setMessage(`${done[kind] ?? "Decided"} ${item.name}.`);
    router.refresh();
  }, [router]);

  const quick = useCallback((item: InboxRow, decision: "ATTEST" | "REVOKE") => {
    if (decision === "ATTEST" && item.highFindings) {
      setDialog({ item, decision: "ATTEST" });
      return;
    }
    startTransition(async () => {
      const result = await decideAction({ itemId: item.id, decision });
      if (result.ok) markDone(item, result.data.kind);
      else setMessage(result.message);
    });
  }, [markDone]);

  const keepSelected = useCallback(() => {
    const ids = [...selected].filter((id) => visible.some((r) => r.id === id));
    if (!ids.length) {
      setMessage("Select items with x first.");
      return;
    }
    startTransition(async () => {
      const result = await bulkAttestAction({ itemIds: ids });
      if (!result.ok) {
        setMessage(result.message);
        return;
      }
      setDecided((m) => {
        const n = new Map(m);
        for (const id of result.data.kept) n.set(id, "ATTEST");
        return n;
      });
      setSelected(new Set());
      const skipped = result.data.skipped.map((s) => `${s.name} (${s.reason})`).join(", ");
      setMessage(`Kept ${result.data.kept.length} item${result.data.kept.length === 1 ? "" : "s"}.${skipped ? ` Skipped: ${skipped}.` : ""}`);
      router.refresh();
    });
  }, [selected, visible, router]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (dialog || e.metaKey || e.ctrlKey || e.altKey || target?.closest("input, textarea, select, dialog, [role=menu]")) return;
      if (!current) return;
      if (e.key === "j") setCursor((c) => Math.min(c + 1, visible.length - 1));
      else if (e.key === "k") setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === "a") quick(current, "ATTEST");
      else if (e.key === "r") quick(current, "REVOKE");
      else if (e.key === "x") setSelected((s) => {
        const n = new Set(s);
        if (n.has(current.id)) n.delete(current.id);
        else n.add(current.id);
        return n;
      });
      else if (e.key === "A" && e.shiftKey) keepSelected();
      else return;
      e.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [current, visible.length, dialog, quick, keepSelected]);

  useEffect(() => {
    if (current) document.getElementById(`row-${current.id}`)?.scrollIntoView({ block: "nearest" });
  }, [current]);

  let lastCampaign = "";
  return (
    <div>
      <div className="mb-3 flex items-center justify-between gap-4 text-sm">
        <p className="text-zinc-600 dark:text-zinc-400">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> keep · <kbd>r</kbd> revoke · <kbd>x</kbd> select · <kbd>shift</kbd>+<kbd>a</kbd> keep selected
        </p>
        <button type="button" onClick={keepSelected} disabled={pending || selected.size === 0} className="rounded-md border border-zinc-300 px-3 py-1.5 disabled:opacity-50 dark:border-zinc-700">
          Keep selected ({selected.size})
        </button>
      </div>
      <p role="status" aria-live="polite" className="mb-3 min-h-5 text-sm" data-testid="inbox-status">{message}</p>
      {visible.length === 0 ? <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm dark:border-zinc-700">All done here. Nice.</p> : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
            <tr><th className="w-8 py-2"><span className="sr-only">Select</span></th><th>Identity</th><th>Why</th><th>Last used</th><th>Blast radius</th><th>Due</th><th><span className="sr-only">Actions</span></th></tr>
          </thead>
          {visible.map((row, index) => {
            const header = row.campaignId !== lastCampaign ? row.campaignName : null;
            lastCampaign = row.campaignId;
            const active = current?.id === row.id;
            return (
              <tbody key={row.id}>
                {header ? <tr><th colSpan={7} scope="colgroup" className="bg-zinc-50 px-2 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">{header}</th></tr> : null}
                <tr id={`row-${row.id}`} aria-current={active ? "true" : undefined} onClick={() => setCursor(index)} className={`border-b border-zinc-100 align-top dark:border-zinc-900 ${active ? "bg-indigo-50 dark:bg-indigo-950/40" : ""}`}>
                  <td className="py-2"><input type="checkbox" aria-label={`Select ${row.name}`} checked={selected.has(row.id)} onChange={() => setSelected((s) => { const n = new Set(s); if (n.has(row.id)) n.delete(row.id); else n.add(row.id); return n; })} /></td>
                  <td className="py-2">
                    <Link className="font-medium underline" href={`/reviews/${row.id}`}>{row.name}</Link>
                    <div className="text-xs text-zinc-600 dark:text-zinc-400">{row.kind} · {row.source}{row.status === "ESCALATED" ? " · escalated" : ""}</div>
                  </td>
                  <td className="max-w-md py-2">
                    {row.reason}
                    {row.findingsCount ? <span className="ml-1"><StatusBadge value={row.highFindings ? "HIGH" : "MEDIUM"} /></span> : null}
                    {row.recommendation ? <div className="text-xs text-zinc-600 dark:text-zinc-400">Suggested: {row.recommendation}</div> : null}
                  </td>
                  <td className="py-2">{row.lastUsed}</td>
                  <td className="py-2">{row.blastRadius}</td>
                  <td className={`py-2 ${row.overdue ? "font-medium text-red-700 dark:text-red-400" : ""}`}>{row.due}</td>
                  <td className="relative whitespace-nowrap py-2 text-right">
                    <button type="button" disabled={pending} onClick={() => quick(row, "ATTEST")} aria-label={`Keep ${row.name}`} className="rounded-md border border-emerald-700 px-2 py-1 text-emerald-800 dark:text-emerald-300">Keep</button>{" "}
                    <button type="button" disabled={pending} onClick={() => quick(row, "REVOKE")} aria-label={`Revoke ${row.name}`} className="rounded-md border border-red-700 px-2 py-1 text-red-800 dark:text-red-300">Revoke</button>{" "}
                    <button type="button" aria-haspopup="menu" aria-expanded={menuFor === row.id} aria-label={`More decisions for ${row.name}`} onClick={() => setMenuFor(menuFor === row.id ? null : row.id)} className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700">…</button>
                    {menuFor === row.id ? (
                      <div role="menu" aria-label={`More decisions for ${row.name}`} className="absolute right-0 z-10 mt-1 w-40 rounded-md border border-zinc-200 bg-white py-1 text-left shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
                        {(["REDUCE", "EXCEPTION", "REASSIGN"] as const).map((d) => (
                          <button key={d} type="button" role="menuitem" onClick={() => { setMenuFor(null); setDialog({ item: row, decision: d }); }} className="block w-full px-3 py-1.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800">
                            {d === "REDUCE" ? "Reduce…" : d === "EXCEPTION" ? "Exception…" : "Not mine…"}
                          </button>
                        ))}
                      </div>
                    ) : null}
                  </td>
                </tr>
              </tbody>
            );
          })}
        </table>
      )}
      {dialog ? (
        <DecisionDialog item={dialog.item} decision={dialog.decision} exceptionMaxDays={exceptionMaxDays} onClose={() => setDialog(null)} onDecided={(d) => { markDone(dialog.item, d.kind); setDialog(null); }} />
      ) : null}
    </div>
  );
}
