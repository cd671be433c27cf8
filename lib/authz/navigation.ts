import type { Role } from "@/prisma/generated/enums";
import { roleCan, type Permission } from "@/lib/authz/permissions";

export type NavItem = { href: string; label: string };

const items: (NavItem & { needs: Permission[] })[] = [
  { href: "/reviews", label: "Reviews", needs: ["reviews:read"] },
  { href: "/inventory", label: "Inventory", needs: ["inventory:read", "inventory:read-own"] },
  { href: "/findings", label: "Findings", needs: ["findings:read"] },
  { href: "/campaigns", label: "Campaigns", needs: ["campaigns:read"] },
  { href: "/triggers", label: "Triggers", needs: ["triggers:manage"] },
  { href: "/evidence", label: "Evidence", needs: ["evidence:read"] },
  { href: "/audit", label: "Audit log", needs: ["audit:read"] },
  { href: "/settings", label: "Settings", needs: ["settings:manage"] },
];

/** The left navigation for a role: only what the role may open (the pages check again on the server). */
export function navigationFor(role: Role): NavItem[] {
  return items.filter((i) => i.needs.some((p) => roleCan(role, p))).map(({ href, label }) => ({ href, label }));
}

/** Where a person lands after signing in. */
export function homeFor(role: Role): string {
  return navigationFor(role)[0]?.href ?? "/signin";
}
