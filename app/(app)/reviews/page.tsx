import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { listMyPendingItems } from "@/lib/reviews/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "My reviews" };

function dueIn(due: Date, now: Date) {
  const days = Math.ceil((due.getTime() - now.getTime()) / 86_400_000);
  return days < 0 ? `overdue ${-days}d` : days === 0 ? "due today" : `due in ${days}d`;
}

function firstReason(reasons: unknown): string {
  const list = Array.isArray(reasons) ? (reasons as { sentence?: string }[]) : [];
  return list[0]?.sentence ?? "Scheduled review";
}

export default async function ReviewsPage() {
  const actor = await requirePage("reviews:read");
  const items = await listMyPendingItems(actor.workspaceId, actor.userId);
  const now = new Date();
  return (
    <>
      <PageHeader title="My reviews" description="Machine identities waiting for your decision, most urgent first." />
      {items.length === 0 ? (
        <EmptyState title="Nothing to review" next="When an identity you own changes or a campaign starts, it will appear here." />
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
            <tr><th className="py-2">Identity</th><th>Why</th><th>Campaign</th><th>Last used</th><th>Blast radius</th><th>Due</th><th>Status</th></tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-b border-zinc-100 dark:border-zinc-900">
                <td className="py-2">
                  <Link className="font-medium underline" href={`/inventory/${item.identity.id}`}>{item.identity.name}</Link>
                  <div className="text-xs text-zinc-500">{item.identity.kind.replaceAll("_", " ").toLowerCase()} · {item.identity.source.name}</div>
                </td>
                <td>{firstReason(item.reasons)}</td>
                <td>{item.campaign.name}</td>
                <td>{item.identity.lastUsedAt ? item.identity.lastUsedAt.toISOString().slice(0, 10) : "never"}</td>
                <td>{item.identity.blastRadius}</td>
                <td className={item.dueAt < now ? "font-medium text-red-700 dark:text-red-400" : ""}>{dueIn(item.dueAt, now)}</td>
                <td><StatusBadge value={item.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
