import { db } from "@/lib/db";
import { isDemo } from "@/lib/env";

export const DEMO_WORKSPACE_SLUG = "demo";

/** The seeded people a demo visitor may sign in as, one row per person, admins first. Empty unless ROLLCALL_DEMO=1. */
export async function listDemoUsers() {
  if (!isDemo()) return [];
  const order = { ADMIN: 0, COMPLIANCE_MANAGER: 1, AUDITOR: 2, MEMBER: 3 } as const;
  const users = await db.user.findMany({
    where: { status: "ACTIVE", workspace: { slug: { startsWith: DEMO_WORKSPACE_SLUG } } },
    select: { id: true, name: true, email: true, role: true, workspace: { select: { name: true } } },
    orderBy: { email: "asc" },
    take: 200,
  });
  return users.sort((a, b) => order[a.role] - order[b.role]);
}
