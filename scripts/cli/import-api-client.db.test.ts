// `rollcall import --api URL --key rk_…` against the real route handlers, in-process: the CLI's API
// client sends real Requests through a fetch that dispatches them to app/api/v1/**/route.ts (with a
// real API key row, so authentication, scopes and workspace scoping are the production code paths).
// The one stand-in is the worker: each poll of the sync first runs any queued import, as the
// `inventory.import` job would. Not covered here: HTTP transport and `next start` itself (e2e covers those).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { fixtureBytes } from "@/lib/inventory/import-test-helpers";
import { runImport } from "@/lib/inventory/run-import";
import { ensureQueues } from "@/lib/jobs/run-worker";
import * as sources from "@/app/api/v1/sources/route";
import * as imports from "@/app/api/v1/sources/[id]/imports/route";
import * as syncs from "@/app/api/v1/sources/[id]/syncs/[syncId]/route";
import { importViaApi } from "@/scripts/cli/import-api-client";
import { importCommand } from "@/scripts/cli/import-command";
import { createUser, createWorkspace } from "@/prisma/factories";

process.env.AUTH_SECRET ??= "cli-api-test-secret-cli-api-test-secret";
const BASE = "http://rollcall.test";

beforeAll(async () => {
  await ensureQueues();
});
afterEach(() => vi.restoreAllMocks());

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A fetch answered by the route handlers; `calls` records method and path of each request. */
function inProcessFetch(calls: string[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input instanceof URL ? input.href : String(input), init);
    const { pathname } = new URL(request.url);
    calls.push(`${request.method} ${pathname}`);
    let handler: Handler | undefined;
    let params: Record<string, string> = {};
    let m: RegExpExecArray | null;
    if (pathname === "/api/v1/sources") handler = (sources as Record<string, Handler>)[request.method];
    else if ((m = /^\/api\/v1\/sources\/([^/]+)\/imports$/.exec(pathname))) [handler, params] = [imports.POST, { id: m[1]! }];
    else if ((m = /^\/api\/v1\/sources\/([^/]+)\/syncs\/([^/]+)$/.exec(pathname))) {
      await runImport(m[2]!); // the worker's turn: claims a QUEUED import, or does nothing
      [handler, params] = [syncs.GET, { id: m[1]!, syncId: m[2]! }];
    }
    if (!handler) return Response.json({ error: { code: "NOT_FOUND", message: `no route ${pathname}` } }, { status: 404 });
    return handler(request, { params: Promise.resolve(params) });
  };
}

async function world(scopes: ("inventory:read" | "inventory:write")[] = ["inventory:read", "inventory:write"]) {
  const ws = await createWorkspace(db);
  const admin = await createUser(db, ws.id, { role: "ADMIN" });
  const actor: UserActor = { type: "USER", workspaceId: ws.id, userId: admin.id, role: "ADMIN", label: admin.email };
  const key = await createApiKey(actor, { name: "ci", scopes, expiresInDays: 30 });
  return { ws, key };
}

const output = () => {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  return () => [...log.mock.calls, ...error.mock.calls].map((c) => c.join(" ")).join("\n");
};

describe("rollcall import --api URL --key rk_…", () => {
  it("creates the source, uploads, follows progress and prints the summary — all as the key", async () => {
    const w = await world();
    const calls: string[] = [];
    const printed = output();
    const code = await importViaApi({ sourceName: "aws-prod", format: "aws-credential-report", mode: "snapshot", fileName: "report.csv", bytes: fixtureBytes("aws-credential-report.csv") }, BASE, w.key.secret, inProcessFetch(calls), 0);
    expect(code).toBe(0);
    expect(calls.slice(0, 4)).toEqual(["GET /api/v1/sources", "POST /api/v1/sources", expect.stringMatching(/^POST \/api\/v1\/sources\/src_\w+\/imports$/), expect.stringMatching(/^GET \/api\/v1\/sources\/src_\w+\/syncs\/syn_\w+$/)]);
    const source = await db.source.findFirstOrThrow({ where: { workspaceId: w.ws.id, name: "aws-prod" } });
    expect(source.kind).toBe("AWS");
    const sync = await db.sourceSync.findFirstOrThrow({ where: { sourceId: source.id } });
    expect(sync).toMatchObject({ status: "SUCCEEDED", format: "aws-credential-report", fileName: "report.csv", addedCount: 5, seenCount: 5 });
    expect(printed()).toContain(`Sync ${sync.id} applied: 5 seen, 5 added, 0 changed, 0 removed (first load of this source)`);
    expect(printed()).toContain("credentials: 5 created");
    const audit = await db.auditEvent.findMany({ where: { workspaceId: w.ws.id, action: { in: ["source.created", "inventory.import-started", "inventory.synced"] } }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.actorType, a.actorId])).toEqual([
      ["source.created", "API_KEY", w.key.id], ["inventory.import-started", "API_KEY", w.key.id], ["inventory.synced", "API_KEY", w.key.id],
    ]);

    // The same file again, into the existing source: found by name, nothing changes.
    const again = output();
    expect(await importViaApi({ sourceName: "aws-prod", mode: "snapshot", fileName: "report.csv", bytes: fixtureBytes("aws-credential-report.csv") }, BASE, w.key.secret, inProcessFetch([]), 0)).toBe(0);
    expect(again()).toMatch(/5 seen, 0 added, 0 changed, 0 removed/);
    expect(await db.source.count({ where: { workspaceId: w.ws.id } })).toBe(1);
  });

  it("a broken file: the import job refuses it, every error printed, exit 1, nothing applied", async () => {
    const w = await world();
    const printed = output();
    const code = await importViaApi({ sourceName: "aws-prod", format: "aws-credential-report", mode: "snapshot", fileName: "bad.csv", bytes: fixtureBytes("aws-credential-report-bad.csv") }, BASE, w.key.secret, inProcessFetch([]), 0);
    expect(code).toBe(1);
    expect(printed()).toContain("The file was refused; nothing was applied.");
    expect(printed()).toContain('"maybe" is not true or false');
    expect(await db.identity.count({ where: { workspaceId: w.ws.id } })).toBe(0);
    expect(await db.sourceSync.findFirstOrThrow({ where: { workspaceId: w.ws.id } })).toMatchObject({ status: "FAILED", format: "aws-credential-report" });
  });

  it("a key without inventory:write, or no key at all, is told so by the server", async () => {
    const w = await world(["inventory:read"]);
    const bytes = fixtureBytes("aws-credential-report.csv");
    await expect(importViaApi({ sourceName: "new", mode: "snapshot", fileName: "r.csv", bytes }, BASE, w.key.secret, inProcessFetch([]), 0)).rejects.toThrow("the server answered 403: This needs the inventory:write permission.");
    await expect(importViaApi({ sourceName: "new", mode: "snapshot", fileName: "r.csv", bytes }, BASE, "rk_not-a-key", inProcessFetch([]), 0)).rejects.toThrow("the server answered 401");
    expect(await db.source.count({ where: { workspaceId: w.ws.id } })).toBe(0);
  });

  it("the command line wants both --api and --key", async () => {
    await expect(importCommand.run(["--source", "x", "--api", BASE, "lib/inventory/formats/fixtures/rollcall.csv"])).rejects.toThrow("needs both --api URL and --key");
  });
});
