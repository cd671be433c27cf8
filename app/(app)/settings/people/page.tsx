import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { listPeople } from "@/lib/ownership/queries";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { StatusButton } from "@/app/(app)/settings/people/status-button";

export const metadata: Metadata = { title: "People" };

const roleLabel = { ADMIN: "Admin", COMPLIANCE_MANAGER: "Compliance manager", AUDITOR: "Auditor", MEMBER: "Member" } as const;

export default async function PeoplePage() {
  const actor = await requirePage("people:write");
  const people = await listPeople(actor.workspaceId);
  return (
    <>
      <PageHeader title="People" description="When someone leaves, mark them departed: they can no longer sign in and the identities they own become orphans to reassign. HR systems can do the same with PATCH /api/v1/users/{id}." />
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
          <tr><th className="py-2">Name</th><th>Email</th><th>Role</th><th>Status</th><th>Owns</th><th /></tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} className="border-b border-zinc-100 dark:border-zinc-900">
              <td className="py-2 font-medium">{p.name}</td>
              <td>{p.email}</td>
              <td>{roleLabel[p.role]}</td>
              <td><StatusBadge value={p.status} />{p.departedAt ? <span className="ml-1 text-xs text-zinc-500">{p.departedAt.toISOString().slice(0, 10)}</span> : null}</td>
              <td>{p.identities ? <Link className="underline" href={`/inventory?owner=${p.id}`}>{p.identities} identit{p.identities === 1 ? "y" : "ies"}</Link> : "—"}</td>
              <td>{p.id === actor.userId ? <span className="text-xs text-zinc-500">you</span> : <StatusButton userId={p.id} name={p.name} status={p.status} identities={p.identities} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
