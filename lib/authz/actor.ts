import type { Role } from "@/prisma/generated/enums";
import { forbidden } from "@/lib/errors";
import { roleCan, type Permission } from "@/lib/authz/permissions";

export type UserActor = { type: "USER"; workspaceId: string; userId: string; role: Role; label: string };
export type ApiKeyActor = { type: "API_KEY"; workspaceId: string; apiKeyId: string; scopes: string[]; label: string };
export type SystemActor = { type: "SYSTEM"; workspaceId: string; label: string };
export type Actor = UserActor | ApiKeyActor | SystemActor;

export function actorCan(actor: Actor, permission: Permission): boolean {
  switch (actor.type) {
    case "USER":
      return roleCan(actor.role, permission);
    case "API_KEY":
      return actor.scopes.includes(permission);
    case "SYSTEM":
      return true;
  }
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!actorCan(actor, permission)) throw forbidden();
}

export const systemActor = (workspaceId: string, label = "system"): SystemActor => ({ type: "SYSTEM", workspaceId, label });
