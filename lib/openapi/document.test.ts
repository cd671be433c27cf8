import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanDoors } from "@/lib/authz/route-inventory";
import { openApiDocument } from "@/lib/openapi/document";

const root = path.resolve(import.meta.dirname, "../..");
type Op = { responses: Record<string, unknown>; security: unknown[]; "x-rollcall-permission"?: string | null };
const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Op>> };

describe("OpenAPI document", () => {
  it("describes every REST route handler under /api/v1, and nothing that does not exist", () => {
    const handlers = scanDoors(root)
      .flatMap((d) => (d.kind === "api" && d.path.startsWith("/api/v1/") ? [`${d.method.toLowerCase()} ${d.path.replace(/\[(\w+)\]/g, "{$1}")}`] : []))
      .sort();
    const described = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${p}`)).sort();
    expect(described).toEqual(handlers);
  });

  it("lists the refusals a caller must handle, rate limiting included, on every authenticated operation", () => {
    const authenticated = Object.values(doc.paths).flatMap((methods) => Object.values(methods)).filter((op) => op["x-rollcall-permission"]);
    expect(authenticated.length).toBeGreaterThan(20);
    for (const op of authenticated) {
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403", "404", "422", "429"]));
      expect(op.security).toEqual([{ bearer: [] }]);
    }
  });
});
