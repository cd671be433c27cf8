import { connection } from "next/server";
import { requirePage, signOut } from "@/lib/auth";
import { navigationFor } from "@/lib/authz/navigation";
import { roleCan } from "@/lib/authz/permissions";
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
  const canSearch = roleCan(actor.role, "inventory:read-own");
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
          <div className="flex items-center gap-6">
            <span className="font-medium" data-testid="workspace-name">{summary.workspaceName}</span>
            {canSearch ? (
              <form action="/inventory" role="search">
                <label htmlFor="global-search" className="sr-only">Search identities by name or external id</label>
                <input id="global-search" name="q" placeholder="Search identities…" className="w-72 rounded-md border border-zinc-300 bg-white px-3 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950" />
              </form>
            ) : null}
          </div>
          <div className="flex items-center gap-4 text-sm">
            <span>
              {summary.userName} · <span data-testid="current-role">{roleLabel[actor.role]}</span>
            </span>
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
