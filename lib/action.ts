import type { z } from "zod";
import { currentActor } from "@/lib/auth";
import { actorCan, type UserActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { DomainError } from "@/lib/errors";
import { toErrorResponse, zodIssues } from "@/lib/http-errors";

export type ActionResult<R> =
  | { ok: true; data: R }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

/**
 * Wraps a server action the way `route` wraps a REST handler: the signed-in person must hold the
 * permission, the input is parsed by the same zod schema the form and API use, and errors come back
 * as a message plus per-field errors instead of a thrown exception.
 */
export function action<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  handler: (actor: UserActor, input: z.infer<S>) => Promise<R>,
) {
  return async (raw: z.input<S>): Promise<ActionResult<R>> => {
    try {
      const actor = await currentActor();
      if (!actor) throw new DomainError("UNAUTHENTICATED", "Your session has ended; sign in again.");
      if (!actorCan(actor, permission)) throw new DomainError("FORBIDDEN", "You do not have permission to do that.");
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors = Object.fromEntries(zodIssues(parsed.error).map((i) => [i.path, i.message]));
        return { ok: false, message: "Some fields need attention.", fieldErrors };
      }
      return { ok: true, data: await handler(actor, parsed.data) };
    } catch (error) {
      return { ok: false, message: toErrorResponse(error).body.error.message };
    }
  };
}
