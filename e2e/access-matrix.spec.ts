// The authorization matrix (lib/authz/access-matrix.ts) checked against the running app: every page and REST
// route (found by scanning app/) for every demo role, anonymous visitors and API keys, with ids from the demo
// workspace and from a foreign workspace; every server action called the way the browser calls it.
// Requests only (no navigations), batched, so the whole matrix stays well under a minute.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "./fixtures";
import { accessMatrix, roles, type AccessRule, type Who } from "../lib/authz/access-matrix";
import { scanDoors, type Door } from "../lib/authz/route-inventory";
import { apiKeyScopes } from "../lib/authz/permissions";
import { hashApiKeySecret, newApiKeySecret } from "../lib/api-keys/secret";
import { createCampaign, createIdentity, createOwnerRule, createReviewItem, createSource, createSourceSync, createUser, createWorkspace } from "../prisma/factories";
import { DEMO, db, demoUser } from "./db";
import { signInAs } from "./sign-in";
import { registerSecret } from "./secrets";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const root = path.resolve(import.meta.dirname, "..");
const doors = scanDoors(root);
const MARK = "globexmatrixsecret";
const emailOf: Record<(typeof roles)[number], string> = { ADMIN: DEMO.admin, COMPLIANCE_MANAGER: DEMO.complianceManager, MEMBER: DEMO.member, AUDITOR: DEMO.auditor };
const fakeId = (prefix: string) => `${prefix}_${"0".repeat(31)}1`;

type Ids = { campaign: string; identity: string; item: string; source: string; user: string; sync: string; upload: string; pack: string; key: string; ownerRule: string };
type Caller = { who: Who | "key"; label: string; ctx: APIRequestContext; headers?: Record<string, string> };
type Result = { label: string; door: string; url: string; status: number; text: string };

/** Fills a route's dynamic segments from the words before them (/campaigns/[id] → a campaign id). */
function fill(door: Door & { path: string }, ids: Ids): string {
  const segs = door.path.split("/");
  const byWord: Record<string, keyof Ids> = { campaigns: "campaign", identities: "identity", inventory: "identity", reviews: "item", sources: "source", users: "user", syncs: "sync", imports: "upload", "owner-rules": "ownerRule" };
  return segs
    .map((s, i) => {
      if (!s.startsWith("[")) return s;
      if (s === "[campaignId]") return ids.campaign;
      const word = segs[i - 1] ?? "";
      const kind = word === "evidence" ? "pack" : byWord[word];
      if (!kind) throw new Error(`No id for ${s} in ${door.path}: teach fill() in e2e/access-matrix.spec.ts`);
      return ids[kind];
    })
    .join("/");
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

/** Retries once when an idle keep-alive socket was closed under the request (ECONNRESET before any answer). */
async function retryReset<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!String(error).includes("ECONNRESET")) throw error;
    return run();
  }
}

/** Bodies that pass validation, for requests that must be refused on tenancy (foreign ids), not on input. */
function validBody(door: Door): { data?: string; query?: string } {
  const k = door.key;
  if (k.endsWith("/close")) return { data: JSON.stringify({ statement: "Signed off by the access matrix test (must never apply)." }) };
  if (k.endsWith("/launch") || k.endsWith("/start")) return { data: "{}" };
  if (k.startsWith("PUT ") && k.endsWith("/identities")) return { data: JSON.stringify({ mode: "upsert", identities: [{ externalId: "matrix-1", name: "matrix-1", kind: "SERVICE_ACCOUNT" }] }) };
  if (k.endsWith("/imports")) return { data: "externalId,name,kind\nmatrix-1,matrix-1,SERVICE_ACCOUNT\n", query: "?format=rollcall-csv&fileName=m.csv" };
  if (k.startsWith("PATCH /api/v1/users/")) return { data: JSON.stringify({ status: "DEPARTED" }) };
  if (k.startsWith("PATCH /api/v1/owner-rules/")) return { data: JSON.stringify({ enabled: false }) };
  return {};
}

async function send(caller: Caller, door: Door & { kind: "api" }, url: string, body: { data?: string; query?: string }): Promise<Result> {
  const response = await retryReset(() =>
    caller.ctx.fetch(url + (body.query ?? ""), {
      method: door.method,
      headers: { ...caller.headers, ...(body.data !== undefined ? { "content-type": "application/json" } : {}) },
      data: body.data,
      maxRedirects: 0,
    }),
  );
  return { label: caller.label, door: door.key, url, status: response.status(), text: await response.text() };
}

const actionMessages = { unauthenticated: "Your session has ended; sign in again.", forbidden: "You do not have permission to do that." };

test("every page, REST route and server action admits exactly the roles the matrix lists, and foreign ids give nothing", async ({ browser, playwright }) => {
  const baseURL = test.info().project.use.baseURL!;
  const member = await demoUser(DEMO.member);
  const workspaceId = member.workspaceId;

  // ── the demo workspace's real ids (the member's own identity and item, so every allowed role may read them) ──
  const identity = await db.identity.findFirstOrThrow({ where: { workspaceId, ownerId: member.id } });
  const item = await db.reviewItem.findFirstOrThrow({ where: { workspaceId, reviewerId: member.id } });
  const campaign = await db.campaign.findFirstOrThrow({ where: { workspaceId, kind: "SCHEDULED" } });
  const demo: Ids = { campaign: campaign.id, identity: identity.id, item: item.id, source: identity.sourceId, user: member.id, sync: fakeId("syn"), upload: fakeId("upl"), pack: fakeId("evp"), key: fakeId("key"), ownerRule: fakeId("own") };

  // ── a foreign workspace holding one of everything ──
  const ws = await createWorkspace(db, { name: `Globex ${MARK}` });
  const fUser = await createUser(db, ws.id, { role: "ADMIN", name: `Gina ${MARK}` });
  const fSource = await createSource(db, ws.id, { name: `${MARK}-aws`, kind: "AWS" });
  const fIdentity = await createIdentity(db, ws.id, { sourceId: fSource.id, name: `${MARK}-deployer`, ownerId: fUser.id });
  const fCampaign = await createCampaign(db, ws.id, { name: `${MARK} campaign` });
  const fItem = await createReviewItem(db, ws.id, { campaignId: fCampaign.id, identityId: fIdentity.id, reviewerId: fUser.id });
  const fSync = await createSourceSync(db, ws.id, { sourceId: fSource.id, status: "SUCCEEDED" });
  const fPack = await db.evidencePack.create({ data: { workspaceId: ws.id, campaignId: fCampaign.id } });
  const fUpload = await db.importUpload.create({ data: { workspaceId: ws.id, sourceId: fSource.id, format: "rollcall-csv", fileName: `${MARK}.csv`, sha256: "0".repeat(64), size: 4, content: Buffer.from(MARK) } });
  const fKeySecret = newApiKeySecret();
  registerSecret("access-matrix foreign API key", fKeySecret);
  const fKey = await db.apiKey.create({ data: { workspaceId: ws.id, name: `${MARK} key`, prefix: fKeySecret.slice(0, 9), hash: hashApiKeySecret(fKeySecret), scopes: [...apiKeyScopes] } });
  const fRule = await createOwnerRule(db, ws.id, { position: 1, name: `${MARK} rule`, pattern: "*", ownerUserId: fUser.id });
  const foreign: Ids = { campaign: fCampaign.id, identity: fIdentity.id, item: fItem.id, source: fSource.id, user: fUser.id, sync: fSync.id, upload: fUpload.id, pack: fPack.id, key: fKey.id, ownerRule: fRule.id };

  // ── callers: four signed-in roles, an anonymous visitor, and API keys ──
  const contexts = await Promise.all(
    roles.map(async (role) => {
      const context = await browser.newContext({ baseURL });
      await signInAs(await context.newPage(), emailOf[role]);
      return { role, context };
    }),
  );
  const anonymous = await playwright.request.newContext({ baseURL });
  const callers: Caller[] = [...contexts.map(({ role, context }) => ({ who: role, label: role, ctx: context.request })), { who: "anonymous", label: "anonymous", ctx: anonymous }];
  const keyFor = async (name: string, scopes: string[]) => {
    const secret = newApiKeySecret();
    registerSecret(`access-matrix API key ${name}`, secret);
    await db.apiKey.create({ data: { workspaceId, name: `matrix ${name}`, prefix: secret.slice(0, 9), hash: hashApiKeySecret(secret), scopes } });
    return { authorization: `Bearer ${secret}` };
  };
  const guards = [...new Set(Object.values(accessMatrix).map((r) => r.guard))].filter((g): g is (typeof apiKeyScopes)[number] => (apiKeyScopes as readonly string[]).includes(g));
  const onlyKey = Object.fromEntries(await Promise.all(guards.map(async (g) => [g, await keyFor(`only ${g}`, [g])] as const)));
  const allButKey = Object.fromEntries(await Promise.all(guards.map(async (g) => [g, await keyFor(`all but ${g}`, apiKeyScopes.filter((s) => s !== g))] as const)));
  const allScopes = await keyFor("all scopes", [...apiKeyScopes]);

  const problems: string[] = [];
  const leaks: string[] = [];
  const rule = (door: Door): AccessRule => accessMatrix[door.key] ?? (problems.push(`${door.key}: not in the matrix`), { guard: "public", allow: [] });
  const checkNoForeignData = (r: Result) => {
    if (r.text.includes(MARK) || r.text.includes(foreign.campaign) && !r.url.includes(foreign.campaign)) leaks.push(`${r.label} ${r.door} ${r.url} → ${r.status} showed foreign data`);
  };

  // ── pages ──
  const pages = doors.filter((d): d is Door & { kind: "page" } => d.kind === "page");
  const pageRuns = pages.flatMap((door) => callers.map((caller) => ({ door, caller })));
  const pageResults = await inBatches(pageRuns, 8, async ({ door, caller }) => {
    const url = fill(door, demo);
    const response = await retryReset(() => caller.ctx.get(url, { maxRedirects: 0 }));
    return { ...caller, door, url, status: response.status(), location: response.headers().location ?? "" };
  });
  for (const r of pageResults) {
    const allowed = rule(r.door).allow.includes(r.who as Who);
    const signinRedirect = r.status >= 300 && r.status < 400 && r.location.includes("/signin");
    const ok = allowed ? r.status === 200 || (r.status >= 300 && r.status < 400 && !signinRedirect) : r.who === "anonymous" ? signinRedirect : r.status === 403;
    if (!ok) problems.push(`${r.label} GET ${r.url} (${r.door.key}) → ${r.status} ${r.location}; expected ${allowed ? "200" : r.who === "anonymous" ? "redirect to /signin" : "403"}`);
  }
  // Pages with ids of the foreign workspace: 404 for whoever may open the page, 403/sign-in for the rest, never its data.
  const foreignPageRuns = pages.filter((d) => d.path.includes("[")).flatMap((door) => callers.map((caller) => ({ door, caller })));
  const foreignPages = await inBatches(foreignPageRuns, 8, async ({ door, caller }) => {
    const url = fill(door, foreign);
    let response = await retryReset(() => caller.ctx.get(url, { maxRedirects: 0 }));
    // A page that only forwards (/findings/identities/[id] → /inventory/[id]) is judged by where it forwards to.
    const location = response.headers().location ?? "";
    if (caller.who !== "anonymous" && response.status() >= 300 && response.status() < 400 && !location.includes("/signin")) {
      response = await retryReset(() => caller.ctx.get(new URL(location, baseURL).pathname, { maxRedirects: 0 }));
    }
    return { label: caller.label, who: caller.who, door: door.key, url, status: response.status(), text: await response.text() };
  });
  for (const r of foreignPages) {
    checkNoForeignData(r);
    const expected = r.who === "anonymous" ? [302, 303, 307] : accessMatrix[r.door]!.allow.includes(r.who as Who) ? [404] : [403];
    if (!expected.includes(r.status)) problems.push(`${r.label} GET ${r.url} (foreign) → ${r.status}; expected ${expected.join("/")}`);
  }

  // ── REST routes (guarded ones; public doors are covered by their own specs) ──
  const apis = doors.filter((d): d is Door & { kind: "api" } => d.kind === "api" && rule(d).guard !== "public");
  // Demo ids; writes get a malformed id or a null body, so an admitted caller is stopped at validation (422), never applied.
  const demoRuns = apis.flatMap((door) => {
    const write = door.method !== "GET";
    const url = write ? fill(door, { ...demo, campaign: "x", identity: "x", item: "x", source: "x", user: "x", sync: "x", upload: "x", pack: "x", ownerRule: "x" }) : fill(door, demo);
    const body = write ? { data: "null" } : {};
    const guard = rule(door).guard as string;
    const keyCallers: Caller[] = (apiKeyScopes as readonly string[]).includes(guard)
      ? [
          { who: "key", label: `key[${guard}]`, ctx: anonymous, headers: onlyKey[guard] },
          { who: "key", label: `key[all but ${guard}]`, ctx: anonymous, headers: allButKey[guard] },
        ]
      : [{ who: "key", label: "key[all scopes]", ctx: anonymous, headers: allScopes }];
    const runs = [...callers, ...keyCallers].map((caller) => ({ door, caller, url, body, guard }));
    // A write that needs no input would be applied for an admitted caller: only the refusals are exercised.
    return rule(door).mutatesWithoutInput ? runs.filter((r) => !(r.caller.who === "key" ? r.caller.label === `key[${guard}]` : rule(door).allow.includes(r.caller.who))) : runs;
  });
  const demoResults = await inBatches(demoRuns, 12, async ({ door, caller, url, body, guard }) => ({ ...(await send(caller, door, url, body)), who: caller.who, guard, method: door.method }));
  for (const r of demoResults) {
    const allowed = r.who === "key" ? r.label === `key[${r.guard}]` : accessMatrix[r.door]!.allow.includes(r.who);
    const ok = allowed ? r.status !== 401 && r.status !== 403 && r.status < 500 : r.status === (r.who === "anonymous" ? 401 : 403);
    if (!ok) problems.push(`${r.label} ${r.method} ${r.url} (${r.door}) → ${r.status}; expected ${allowed ? "admitted (not 401/403/5xx)" : r.who === "anonymous" ? "401" : "403"}: ${r.text.slice(0, 160)}`);
  }

  // Foreign ids with valid bodies: nobody of the demo workspace gets anything, whatever their role or key scopes;
  // and the foreign workspace's own key gets nothing of the demo workspace.
  const foreignKey: Caller = { who: "key", label: "foreign key[all scopes]", ctx: anonymous, headers: { authorization: `Bearer ${fKeySecret}` } };
  const tenancyRuns = [
    ...apis.filter((d) => d.path.includes("[")).flatMap((door) => [...callers, { who: "key" as const, label: "key[all scopes]", ctx: anonymous, headers: allScopes }].map((caller) => ({ door, caller, url: fill(door, foreign) }))),
    ...apis.filter((d) => d.path.includes("[")).map((door) => ({ door, caller: foreignKey, url: fill(door, demo) })),
  ];
  const decisions = apis.find((d) => d.key === "POST /api/v1/reviews/decisions");
  const tenancy = await inBatches(tenancyRuns, 12, async ({ door, caller, url }) => ({ ...(await send(caller, door, url, validBody(door))), who: caller.who }));
  if (decisions) {
    const body = { data: JSON.stringify({ itemId: foreign.item, decision: "ATTEST", justification: "access matrix: must never apply" }) };
    tenancy.push(...(await Promise.all([...callers.filter((c) => c.who !== "anonymous"), { who: "key" as const, label: "key[all scopes]", ctx: anonymous, headers: allScopes }].map(async (c) => ({ ...(await send(c, decisions, decisions.path, body)), who: c.who })))));
  }
  for (const r of tenancy) {
    checkNoForeignData(r);
    if (r.label.startsWith("foreign") && r.text.includes(identity.name)) leaks.push(`${r.label} ${r.door} ${r.url} → ${r.status} showed demo data`);
    const expected = r.who === "anonymous" ? [401] : [403, 404];
    if (!expected.includes(r.status)) (r.status < 300 ? leaks : problems).push(`${r.label} ${r.door} ${r.url} (foreign) → ${r.status}; expected ${expected.join("/")}: ${r.text.slice(0, 160)}`);
  }

  // ── server actions, called as the browser does: POST with Next-Action and the arguments as JSON ──
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const actionTarget = (door: Door & { kind: "action" }) => {
    const found = Object.entries(manifest.node).find(([, v]) => v.filename === door.file && v.exportedName === door.name);
    if (!found) return null;
    const worker = Object.keys(found[1].workers).find((w) => w.endsWith("/page")) ?? "";
    const pagePath = "/" + worker.split("/").slice(1, -1).filter((s) => !s.startsWith("(")).join("/");
    return { id: found[0], url: fill({ ...door, kind: "page", key: "", path: pagePath } as Door & { path: string }, demo) };
  };
  const callAction = async (caller: Caller, target: { id: string; url: string }, args: unknown[], origin = baseURL) => {
    const response = await retryReset(() =>
      caller.ctx.post(target.url, {
        headers: { "next-action": target.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin },
        data: JSON.stringify(args),
        maxRedirects: 0,
      }),
    );
    const text = await response.text();
    const line = /^\w+:(\{"ok":[\s\S]*?\})$/m.exec(text)?.[1];
    return { status: response.status(), text, result: line ? (JSON.parse(line) as { ok: boolean; message?: string }) : null };
  };
  const actions = doors.filter((d): d is Door & { kind: "action" } => d.kind === "action" && !d.inline && rule(d).guard !== "public");
  const actionRuns = actions.flatMap((door) => callers.map((caller) => ({ door, caller, target: actionTarget(door) })));
  for (const { door } of actionRuns.filter((r) => !r.target)) problems.push(`${door.key}: not in .next/server/server-reference-manifest.json (is the build current?)`);
  const actionResults = await inBatches(
    actionRuns.filter((r) => r.target && !(rule(r.door).mutatesWithoutInput && rule(r.door).allow.includes(r.caller.who as Who))),
    8,
    async ({ door, caller, target }) => ({ door, caller, ...(await callAction(caller, target!, [null])) }),
  );
  for (const r of actionResults) {
    const allowed = rule(r.door).allow.includes(r.caller.who as Who);
    const refusal = r.caller.who === "anonymous" ? actionMessages.unauthenticated : actionMessages.forbidden;
    const message = r.result?.message ?? `(no result: ${r.status} ${r.text.slice(0, 120)})`;
    if (allowed ? !r.result || message === actionMessages.forbidden || message === actionMessages.unauthenticated : message !== refusal)
      problems.push(`${r.caller.label} ${r.door.key} → ${message}; expected ${allowed ? "admitted (a validation message)" : refusal}`);
  }
  // Admitted callers aiming actions at the foreign workspace's objects get a refusal, and nothing changes.
  const A = (name: string) => actions.find((d) => d.name === name);
  const foreignActionCalls: [string, unknown][] = [
    ["closeCampaignAction", { campaignId: foreign.campaign, statement: "Signed off by the access matrix test (must never apply)." }],
    ["launchCampaignAction", { campaignId: foreign.campaign }],
    ["remindNowAction", { itemIds: [foreign.item] }],
    ["requestCampaignPackAction", { campaignId: foreign.campaign }],
    ["setIdentityOwnerAction", { identityId: foreign.identity, ownerId: "", owningTeamId: "" }],
    ["setUserStatusAction", { userId: foreign.user, status: "DEPARTED" }],
    ["decideAction", { itemId: foreign.item, decision: "ATTEST", justification: "access matrix: must never apply" }],
    ["bulkAttestAction", { itemIds: [foreign.item] }],
    ["revokeApiKeyAction", { apiKeyId: foreign.key }],
  ];
  const admin = callers.find((c) => c.who === "ADMIN")!;
  for (const [name, input] of foreignActionCalls) {
    const door = A(name);
    const target = door && actionTarget(door);
    if (!target) {
      problems.push(`server action ${name} not found for the foreign-id check`);
      continue;
    }
    const r = await callAction(admin, target, [input]);
    if (r.text.includes(MARK)) leaks.push(`ADMIN ${name} on foreign ids showed foreign data`);
    if (r.result?.ok !== false && name !== "bulkAttestAction") leaks.push(`ADMIN ${name} on foreign ids → ${r.status} ${r.text.slice(0, 160)}`);
  }

  // Nothing of the foreign workspace changed.
  expect(await db.campaign.findUniqueOrThrow({ where: { id: foreign.campaign } })).toMatchObject({ status: "ACTIVE", closedAt: null });
  expect(await db.user.findUniqueOrThrow({ where: { id: foreign.user } })).toMatchObject({ status: "ACTIVE" });
  expect(await db.identity.findUniqueOrThrow({ where: { id: foreign.identity } })).toMatchObject({ ownerId: fUser.id });
  expect(await db.identity.count({ where: { workspaceId: ws.id } })).toBe(1);
  expect(await db.reviewItem.findUniqueOrThrow({ where: { id: foreign.item } })).toMatchObject({ status: "PENDING" });
  expect(await db.decision.count({ where: { workspaceId: ws.id } })).toBe(0);
  expect(await db.evidencePack.count({ where: { workspaceId: ws.id } })).toBe(1);
  expect(await db.sourceSync.count({ where: { workspaceId: ws.id } })).toBe(1);
  expect(await db.apiKey.findUniqueOrThrow({ where: { id: foreign.key } })).toMatchObject({ revokedAt: null });
  expect(await db.ownerRule.findUniqueOrThrow({ where: { id: foreign.ownerRule } })).toMatchObject({ enabled: true });

  const total = pageResults.length + foreignPages.length + demoResults.length + tenancy.length + actionResults.length + foreignActionCalls.length;
  test.info().annotations.push({ type: "access matrix", description: `${total} checks over ${pages.length} pages, ${apis.length} guarded route methods, ${actions.length} server actions; ${leaks.length} leaks` });
  console.log(`[access-matrix] ${total} checks, ${leaks.length} leaks, ${problems.length} mismatches`);
  expect({ leaks, problems }).toEqual({ leaks: [], problems: [] });

  await Promise.all([...contexts.map((c) => c.context.close()), anonymous.dispose()]);
});
