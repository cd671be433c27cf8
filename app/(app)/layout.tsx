import Link from "next/link";
import { connection } from "next/server";
import { requirePage, signOut } from "@/lib/auth";
import { navigationFor } from "@/lib/authz/navigation";
import { shellSummary } from "@/lib/workspaces/queries";
import { NavLinks } from "@/components/nav-links";

const roleLabel = { ADMIN: "Admin", COMPLIANCE_MANAGER: "Compliance manager", AUDITOR: "Auditor", MEMBER: "Member" } as const;

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/signin" });
}

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const actor = await requirePage();
  const summary = await shellSummary(actor.workspaceId, actor.userId);
  const nav = navigationFor(actor.role).map((item) => (item.href === "/reviews" ? { ...item, badge: summary.pendingReviews } : item));
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 border-r border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <p className="mb-6 px-3 text-lg font-semibold">Rollcall</p>
        <nav aria-label="Main">
          <NavLinks items={nav} />
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between border-b border-zinc-200 bg-white px-6 py-3 dark:border-zinc-800 dark:bg-zinc-900">
          <span className="font-medium" data-testid="workspace-name">{summary.workspaceName}</span>
          <div className="flex items-center gap-4 text-sm">
            <span>
              {summary.userName} · <span data-testid="current-role">{roleLabel[actor.role]}</span>
            </span>
            <Link href="/profile" className="underline">Notifications</Link>
            <form action={signOutAction}>
              <button type="submit" className="underline">Sign out</button>
            </form>
          </div>
        </header>
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
