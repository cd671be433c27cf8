import { z } from "zod";
import { identityIdParams } from "@/lib/inventory/schema";

type Operation = { method: "get" | "post" | "put" | "patch" | "delete"; path: string; summary: string; permission: string | null; params?: z.ZodType; body?: z.ZodType; response?: string };

/** Every REST operation, described from the same zod schemas the handlers parse with. */
const operations: Operation[] = [
  { method: "get", path: "/api/v1/health", summary: "Liveness and database reachability", permission: null },
  { method: "get", path: "/api/v1/openapi.json", summary: "This document", permission: null },
  { method: "get", path: "/api/v1/identities/{id}", summary: "One machine identity with credentials and entitlements", permission: "inventory:read", params: identityIdParams },
  { method: "get", path: "/api/v1/audit/verify", summary: "Verify the workspace's hash-chained audit log", permission: "audit:read" },
];

const errorSchema = {
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } }, errorId: { type: "string" } }, required: ["code", "message"] } },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const paramSchema = op.params ? (z.toJSONSchema(op.params) as { properties?: Record<string, object> }) : undefined;
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      security: op.permission ? [{ bearer: [] }] : [],
      "x-rollcall-permission": op.permission,
      parameters: Object.entries(paramSchema?.properties ?? {}).map(([name, schema]) => ({ name, in: "path", required: true, schema })),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(op.body) } } } } : {}),
      responses: {
        "200": { description: "OK" },
        "401": { description: "No valid session or API key", content: { "application/json": { schema: errorSchema } } },
        "403": { description: "Missing permission", content: { "application/json": { schema: errorSchema } } },
        "404": { description: "Not found in this workspace", content: { "application/json": { schema: errorSchema } } },
        "422": { description: "Invalid input; issues name each field", content: { "application/json": { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Rollcall API", version: "1" },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "API key (rk_…) from Settings → API keys" } } },
    paths,
  };
}
