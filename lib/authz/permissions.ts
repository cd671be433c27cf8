import type { Role } from "@/prisma/generated/enums";

/** Everything a person or key can be allowed to do; pages, actions and routes each name one. */
export const permissions = [
  "reviews:read",
  "reviews:decide",
  "inventory:read",
  "inventory:read-own",
  "inventory:write",
  "findings:read",
  "campaigns:read",
  "campaigns:manage",
  "triggers:manage",
  "evidence:read",
  "evidence:generate",
  "audit:read",
  "settings:manage",
  "events:write",
  /** mark people departed / active again (Settings → People, or PATCH /api/v1/users/{id} from an HR system) */
  "people:write",
] as const;

export type Permission = (typeof permissions)[number];

const matrix: Record<Role, readonly Permission[]> = {
  ADMIN: permissions,
  COMPLIANCE_MANAGER: [
    "reviews:read",
    "reviews:decide",
    "inventory:read",
    "inventory:read-own",
    "inventory:write",
    "findings:read",
    "campaigns:read",
    "campaigns:manage",
    "triggers:manage",
    "evidence:read",
    "evidence:generate",
    "audit:read",
    // Uploads audit-log files on the Findings page (the same path as POST /api/v1/events).
    "events:write",
  ],
  // Auditors read campaigns, evidence and the audit log; they change nothing but may build a pack.
  AUDITOR: ["campaigns:read", "evidence:read", "evidence:generate", "audit:read"],
  MEMBER: ["reviews:read", "reviews:decide", "inventory:read-own"],
};

export function roleCan(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}

/** Scopes an admin may grant to an API key: anything but managing settings (keys cannot mint keys). */
export const apiKeyScopes = permissions.filter((p) => p !== "settings:manage" && p !== "inventory:read-own");
export type ApiKeyScope = (typeof apiKeyScopes)[number];
