import Link from "next/link";
import type { OpenRemediation } from "@/lib/remediation/queries";
import { StatusBadge } from "@/components/ui/status-badge";
import { ExplainRemediationForm } from "@/app/(app)/campaigns/[id]/explain-remediation-form";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Remediation no sync has verified yet: who holds it, when it is due, and the explanation if one was given. */
export function RemediationList({ total, tasks, userId, canManage, now }: { total: number; tasks: OpenRemediation[]; userId: string; canManage: boolean; now: Date }) {
  if (total === 0) return <p className="text-sm text-zinc-500">Every revoke and reduce decision is verified.</p>;
  return (
    <>
      <table className="w-full text-left text-sm" data-testid="unverified-remediation">
        <thead className="text-xs uppercase text-zinc-500"><tr><th>Identity</th><th>Action</th><th>Status</th><th>Assignee</th><th>Due</th><th>Explanation</th></tr></thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              <td className="py-1"><Link href={`/reviews/${t.itemId}`} className="underline">{t.identityName}</Link></td>
              <td>{t.action.toLowerCase()} ({t.executor.toLowerCase()}){t.ticketRef ? ` · ${t.ticketRef}` : ""}</td>
              <td><StatusBadge value={t.status} /></td>
              <td>{t.assigneeName ?? "Unassigned"}</td>
              <td className={t.dueAt < now ? "text-red-700 dark:text-red-400" : ""}>{day(t.dueAt)}</td>
              <td className="max-w-md">
                {t.explanation ? <p className="whitespace-pre-line">{t.explanation} <span className="text-zinc-500">— {t.explainedBy}</span></p> : null}
                {canManage || t.assigneeId === userId ? <ExplainRemediationForm taskId={t.id} identityName={t.identityName} current={t.explanation} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > tasks.length ? <p className="mt-2 text-sm text-zinc-500">Showing the {tasks.length} due first of {total}.</p> : null}
    </>
  );
}
