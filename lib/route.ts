import { type z } from "zod";
import { currentActor } from "@/lib/auth";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { actorCan, type Actor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { DomainError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http-errors";
import { rateLimitResponse } from "@/lib/rate-limit/rate-limit-response";

type Ctx<P, Q, B> = { actor: Actor; params: P; query: Q; body: B; request: Request };
type RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  /** null: public (health); otherwise the permission the caller must hold */
  permission: Permission | null;
  params?: P;
  query?: Q;
  body?: B;
};
type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

async function authenticate(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return authenticateApiKey(header.slice(7).trim());
  return currentActor();
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("INVALID", "The request body is not valid JSON.");
  }
}

/**
 * Wraps a REST handler: authenticates (API key or session), checks the permission, parses params,
 * query and body with their zod schemas (422 naming each bad field), and maps errors to statuses.
 * Each key and each signed-in person is held to ROLLCALL_API_RATE_LIMIT requests a minute (429 past it).
 * Handlers receive an actor whose workspaceId scopes every query they make.
 */
export function route<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  spec: RouteSpec<P, Q, B>,
  handler: (ctx: Ctx<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>,
) {
  return async (request: Request, context: NextContext): Promise<Response> => {
    try {
      let actor: Actor | null = null;
      if (spec.permission) {
        actor = await authenticate(request);
        if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in or send a valid API key (Authorization: Bearer rk_…).");
        // Counted before the permission check: a caller hammering a route it may not use is limited too.
        const limited = await rateLimitResponse(actor);
        if (limited) return limited;
        if (!actorCan(actor, spec.permission)) throw new DomainError("FORBIDDEN", `This needs the ${spec.permission} permission.`);
      }
      const params = spec.params ? spec.params.parse(await context.params) : await context.params;
      const url = new URL(request.url);
      const query = spec.query ? spec.query.parse(Object.fromEntries(url.searchParams)) : undefined;
      const body = spec.body ? spec.body.parse(await readJson(request)) : undefined;
      const result = await handler({
        actor: actor as Actor,
        params: params as z.infer<P>,
        query: query as z.infer<Q>,
        body: body as z.infer<B>,
        request,
      });
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true });
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return Response.json(body, { status });
    }
  };
}
