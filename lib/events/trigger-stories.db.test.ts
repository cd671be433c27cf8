import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest-events";
import { cloudTrailFile, cloudTrailRecord } from "@/lib/events/cloudtrail-builder";
import { apiKeyActor, createCampaign, createIdentity, createReviewItem, createSource, createTeam, createUser, createWorkspace } from "@/prisma/factories";
import type { TriggerKind } from "@/prisma/generated/enums";

// One scripted story per event-driven trigger: history, then the thing that should be noticed.
const DAY = 86_400_000;
const now = Date.now();
const at = (daysAgo: number, minute = 0) => new Date(now - daysAgo * DAY + minute * 60_000);

async function world(identity: { name?: string; externalId?: string; environment?: string | null; lastUsedAt?: Date | null; withTeamLead?: boolean } = {}) {
  const ws = await createWorkspace(db);
  const owner = await createUser(db, ws.id, { name: "Olivia Owner", email: `olivia-${ws.slug}@acme.test` });
  const lead = await createUser(db, ws.id, { name: "Lee Lead" });
  const fallback = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER", name: "Chris Compliance" });
  await db.workspace.update({ where: { id: ws.id }, data: { fallbackReviewerId: fallback.id } });
  const team = identity.withTeamLead ? await createTeam(db, ws.id, { name: "Platform", leadId: lead.id }) : null;
  const source = await createSource(db, ws.id, { name: "inventory", kind: "GENERIC" });
  const name = identity.name ?? "etl-runner";
  const idn = await createIdentity(db, ws.id, {
    sourceId: source.id, name, externalId: identity.externalId ?? `svc:${name}`, ownerId: owner.id, owningTeamId: team?.id ?? null,
    environment: identity.environment === undefined ? "prod" : identity.environment, lastUsedAt: identity.lastUsedAt === undefined ? at(1) : identity.lastUsedAt,
  });
  return { ws, owner, lead, fallback, identity: idn, actor: apiKeyActor(ws.id) };
}

type Line = { time: Date; target?: string; principal?: string; action?: string; kind?: string; sourceIp?: string; region?: string; userAgent?: string; subject?: string; permission?: string; actorEmail?: string; environment?: string; human?: boolean; credential?: string };
const jsonl = (lines: Line[]) => lines.map((l) => JSON.stringify({ action: "api.call", principal: "svc:etl-runner", sourceIp: "198.51.100.20", region: "eu-west-1", userAgent: "etl-runner/3.2", ...l, time: l.time.toISOString() })).join("\n");
/** `days` of ordinary use ending yesterday, `perDay` calls a day. */
const history = (days: number, perDay = 5, extra: Partial<Line> = {}) => Array.from({ length: days * perDay }, (_, i) => ({ time: at(days - Math.floor(i / perDay), i % perDay), ...extra }));

async function findingsOf(workspaceId: string) {
  return db.finding.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" }, include: { reviewItem: true } });
}
const kinds = (fs: { kind: TriggerKind }[]) => fs.map((f) => f.kind).sort();

describe("behaviour stories", () => {
  it("new IP range: ten days from one /24, then a call from another", async () => {
    const w = await world();
    await ingestEvents(w.actor, "jsonl", jsonl([...history(10), { time: at(0), sourceIp: "203.0.113.7" }]));
    const fs = await findingsOf(w.ws.id);
    expect(kinds(fs)).toEqual(["NEW_SOURCE_IP"]);
    expect(fs[0]!.sentence).toMatch(/^etl-runner was used from 203\.0\.113\.7, a network \(203\.0\.113\.0\/24\) it had not used since \d{4}-\d{2}-\d{2}; it used only 198\.51\.100\.0\/24 \(api\.call\)\.$/);
    expect(fs[0]!.reviewItem?.reviewerId).toBe(w.owner.id);
  });

  it("learning period: a new network on day three of an identity's history is learned, not reported", async () => {
    const w = await world();
    const summary = await ingestEvents(w.actor, "jsonl", jsonl([...history(3), { time: at(0), sourceIp: "203.0.113.7" }]));
    expect(summary.findingsOpened).toBe(0);
  });

  it("new user-agent family (rule switched on): Boto3 for ten days, then curl", async () => {
    const w = await world();
    await db.triggerRule.updateMany({ where: { workspaceId: w.ws.id, kind: "NEW_USER_AGENT" }, data: { enabled: true } });
    await ingestEvents(w.actor, "jsonl", jsonl([...history(10, 3, { userAgent: "Boto3/1.34.2" }), { time: at(0), userAgent: "curl/8.4.0" }]));
    const fs = await findingsOf(w.ws.id);
    expect(fs.map((f) => f.sentence)).toEqual(["etl-runner was used by a new kind of client, curl (curl/8.4.0); before, it used only Boto3."]);
  });

  it("token-issuance spike: two tokens a day for ten days, then sixty today", async () => {
    const w = await world();
    const tokens = (n: number, daysAgo: number) => Array.from({ length: n }, (_, i) => ({ time: at(daysAgo, i), kind: "TOKEN_ISSUED", action: "sts:AssumeRole" }));
    const lines = [...Array.from({ length: 10 }, (_, d) => tokens(2, d + 1)).flat(), ...tokens(60, 0)];
    // The threshold is max(10 × median 2, floor 50) = 50: the 50th token of the day fires, once.
    await ingestEvents(w.actor, "jsonl", jsonl(lines));
    const fs = await findingsOf(w.ws.id);
    expect(fs.map((f) => [f.kind, f.sentence, f.severity])).toEqual([["TOKEN_SPIKE", "etl-runner requested 50 tokens today; its 30-day median is 2.", "HIGH"]]);
  });

  it("API-volume spike: five calls a day, then a burst far above ten times the median", async () => {
    const w = await world();
    await db.triggerRule.updateMany({ where: { workspaceId: w.ws.id, kind: "API_VOLUME_SPIKE" }, data: { params: { factor: 10, minimum: 100, learningDays: 7 } } });
    // 150 distinct calls (identical records would be one event seen twice, stored and counted once).
    const burst = Array.from({ length: 150 }, (_, i) => ({ time: at(0, i % 60), target: `objects/${i}` }));
    await ingestEvents(w.actor, "jsonl", jsonl([...history(10), ...burst]));
    const fs = await findingsOf(w.ws.id);
    expect(fs.map((f) => f.sentence)).toEqual(["etl-runner made 100 API calls today; its 30-day median is 5."]);
  });

  it("human use: a console sign-in with a machine identity's IAM user", async () => {
    const arn = "arn:aws:iam::111122223333:user/etl-runner";
    const w = await world({ externalId: arn });
    await ingestEvents(w.actor, "cloudtrail", cloudTrailFile([cloudTrailRecord({ at: at(0), arn, eventName: "ConsoleLogin", ip: "192.0.2.44", userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36" })]));
    const fs = await findingsOf(w.ws.id);
    expect(fs.map((f) => [f.kind, f.severity])).toEqual([["HUMAN_USE", "HIGH"]]);
    expect(fs[0]!.sentence).toMatch(/^etl-runner signed in interactively \(signin:ConsoleLogin from 192\.0\.2\.44\) on \d{4}-\d{2}-\d{2}: a machine identity used by a person\.$/);
  });

  it("use outside the declared environment: a staging service account reading secrets in a prod namespace", async () => {
    const sa = "system:serviceaccount:search-staging:indexer";
    const w = await world({ name: "indexer", externalId: sa, environment: "staging" });
    const event = { kind: "Event", apiVersion: "audit.k8s.io/v1", level: "Metadata", auditID: "k-1", stage: "ResponseComplete", verb: "get", user: { username: sa }, sourceIPs: ["10.9.1.4"], userAgent: "Go-http-client/2.0", objectRef: { resource: "secrets", namespace: "payments-prod", name: "db" }, responseStatus: { code: 200 }, stageTimestamp: at(0).toISOString() };
    await ingestEvents(w.actor, "k8s-audit", JSON.stringify(event));
    const fs = await findingsOf(w.ws.id);
    expect(fs.map((f) => [f.kind, f.sentence, f.severity])).toEqual([["ENVIRONMENT_MISMATCH", "indexer is declared for staging but was used in prod (get secrets on payments-prod).", "HIGH"]]);
  });

  it("reactivated after dormancy: silent for 200 days, then used", async () => {
    const w = await world({ lastUsedAt: at(200) });
    await ingestEvents(w.actor, "jsonl", jsonl([{ time: at(0) }]));
    const fs = await findingsOf(w.ws.id);
    expect(fs.map((f) => [f.kind, f.severity])).toEqual([["REACTIVATED", "HIGH"]]);
    expect(fs[0]!.sentence).toMatch(/^etl-runner was used again on \d{4}-\d{2}-\d{2} \(api\.call from 198\.51\.100\.20\) after 200 days without use\.$/);
  });

  it("cooldown: two new regions an hour apart are one finding; a switched-off rule fires nothing", async () => {
    const w = await world();
    await ingestEvents(w.actor, "jsonl", jsonl([...history(10), { time: at(0, 0), region: "ap-south-1" }, { time: at(0, 60), region: "sa-east-1" }]));
    expect(kinds(await findingsOf(w.ws.id))).toEqual(["NEW_REGION"]);
    await ingestEvents(w.actor, "jsonl", jsonl([{ time: at(0, 90), region: "af-south-1" }]));
    expect(kinds(await findingsOf(w.ws.id))).toEqual(["NEW_REGION"]);

    const quiet = await world();
    await db.triggerRule.updateMany({ where: { workspaceId: quiet.ws.id, kind: "NEW_REGION" }, data: { enabled: false } });
    await ingestEvents(quiet.actor, "jsonl", jsonl([...history(10), { time: at(0), region: "ap-south-1" }]));
    expect(await findingsOf(quiet.ws.id)).toEqual([]);
  });
});

describe("change stories", () => {
  it("shadow identity: an unknown role created in CloudTrail is discovered without an owner and reviewed by the fallback", async () => {
    const w = await world();
    const record = cloudTrailRecord({
      at: at(0), type: "AssumedRole", arn: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123", session: "alice@acme.test",
      eventName: "CreateRole", requestParameters: { roleName: "ml-train" }, responseElements: { role: { arn: "arn:aws:iam::111122223333:role/ml-train", roleName: "ml-train" } },
    });
    const summary = await ingestEvents(w.actor, "cloudtrail", cloudTrailFile([record]));
    // The SSO session is a person: counted as unmatched but never turned into a machine identity.
    expect(summary).toMatchObject({ accepted: 1, unmatched: 1, discovered: 1, findingsOpened: 2, reviewItemsOpened: 1 });
    const shadow = await db.identity.findFirstOrThrow({ where: { workspaceId: w.ws.id, externalId: "arn:aws:iam::111122223333:role/ml-train" }, include: { source: true } });
    expect(shadow).toMatchObject({ discoveredBy: "EVENT", ownerId: null, name: "ml-train", kind: "WORKLOAD", source: { name: "Discovered from CloudTrail", kind: "AWS" } });
    expect(await db.identity.count({ where: { workspaceId: w.ws.id, name: { startsWith: "AWSReservedSSO" } } })).toBe(0);
    const fs = await findingsOf(w.ws.id);
    expect(fs.map((f) => [f.kind, f.identityId])).toEqual(expect.arrayContaining([["NEW_IDENTITY", shadow.id], ["ORPHANED", shadow.id]]));
    expect(fs.find((f) => f.kind === "NEW_IDENTITY")!.sentence).toMatch(/^ml-train appeared in CloudTrail on \d{4}-\d{2}-\d{2} \(iam:CreateRole by alice@acme\.test\) but is not in the inventory; nobody owns it yet\.$/);
    expect(fs.find((f) => f.kind === "ORPHANED")!.sentence).toBe("ml-train has no owner.");
    expect(new Set(fs.map((f) => f.reviewItemId)).size).toBe(1);
    expect(fs[0]!.reviewItem).toMatchObject({ reviewerId: w.fallback.id, identityId: shadow.id });

    // Seen again later: matched, not rediscovered, no new "new identity" finding.
    const later = cloudTrailRecord({ at: at(0, 5), type: "AssumedRole", arn: "arn:aws:iam::111122223333:role/ml-train", session: "train-1" });
    expect(await ingestEvents(w.actor, "cloudtrail", cloudTrailFile([later]))).toMatchObject({ accepted: 1, unmatched: 0, discovered: 0, findingsOpened: 0 });
  });

  it("permission expansion by the owner themself goes to the fallback reviewer (separation of duties), high when privileged", async () => {
    const arn = "arn:aws:iam::111122223333:role/etl-runner";
    const w = await world({ externalId: arn });
    const grant = cloudTrailRecord({
      at: at(0), type: "AssumedRole", arn: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123", session: w.owner.email,
      eventName: "AttachRolePolicy", requestParameters: { roleName: "etl-runner", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    });
    await ingestEvents(w.actor, "cloudtrail", cloudTrailFile([grant]));
    const fs = await findingsOf(w.ws.id);
    expect(fs.map((f) => [f.kind, f.severity, f.actorUserId])).toEqual([["PERMISSION_EXPANSION", "HIGH", w.owner.id]]);
    expect(fs[0]!.sentence).toMatch(new RegExp(`^etl-runner was granted AdministratorAccess \\(privileged\\) by ${w.owner.email.replace(".", "\\.")} on \\d{4}-\\d{2}-\\d{2}\\.$`));
    expect(fs[0]!.reviewItem?.reviewerId).toBe(w.fallback.id);
  });

  it("own change with a team lead: the owner creating a key for their identity is reviewed by the fallback, not the lead nor the owner", async () => {
    const arn = "arn:aws:iam::111122223333:user/etl-runner";
    const w = await world({ externalId: arn, withTeamLead: true });
    const byOwner = cloudTrailRecord({
      at: at(0), type: "AssumedRole", arn: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123", session: w.owner.email,
      eventName: "CreateAccessKey", requestParameters: { userName: "etl-runner" }, responseElements: { accessKey: { accessKeyId: "AKIAOWNKEY0000000001", userName: "etl-runner" } },
    });
    expect(await ingestEvents(w.actor, "cloudtrail", cloudTrailFile([byOwner]))).toMatchObject({ findingsOpened: 1, reviewItemsOpened: 1 });
    const [f] = await findingsOf(w.ws.id);
    expect(f).toMatchObject({ kind: "CREDENTIAL_CREATED", actorUserId: w.owner.id, status: "IN_REVIEW" });
    expect(f!.reviewItem).toMatchObject({ reviewerId: w.fallback.id, identityId: w.identity.id, status: "PENDING" });
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: f!.reviewItem!.campaignId } });
    expect(campaign).toMatchObject({ kind: "CONTINUOUS", status: "ACTIVE" });
    expect((f!.reviewItem!.reasons as { kind: string; sentence: string }[]).map((r) => [r.kind, r.sentence])).toEqual([["CREDENTIAL_CREATED", f!.sentence]]);

    // A change by someone else later joins the same item, which stays with the fallback (the owner made a change on it).
    const byTerraform = cloudTrailRecord({ at: at(0, 5), arn: "arn:aws:iam::111122223333:user/terraform", accessKeyId: "AKIATERRAFORM0000001", eventName: "AttachUserPolicy", requestParameters: { userName: "etl-runner", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } });
    expect(await ingestEvents(w.actor, "cloudtrail", cloudTrailFile([byTerraform]))).toMatchObject({ reviewItemsJoined: 1 });
    const items = await db.reviewItem.findMany({ where: { workspaceId: w.ws.id, identityId: w.identity.id } });
    expect(items.map((i) => i.reviewerId)).toEqual([w.fallback.id]);
  });

  it("a change by someone else goes to the owner; a joined item is handed on when its reviewer made the new change", async () => {
    const arn = "arn:aws:iam::111122223333:user/etl-runner";
    const w = await world({ externalId: arn });
    const campaign = await createCampaign(db, w.ws.id, { kind: "CONTINUOUS", name: "Continuous review" });
    const item = await createReviewItem(db, w.ws.id, { campaignId: campaign.id, identityId: w.identity.id, reviewerId: w.owner.id, reasons: [{ kind: "DORMANT", sentence: "etl-runner has not been used for 120 days (threshold: 90)." }] });
    const byTerraform = cloudTrailRecord({ at: at(0), arn: "arn:aws:iam::111122223333:user/terraform", accessKeyId: "AKIATERRAFORM0000001", eventName: "CreateAccessKey", requestParameters: { userName: "etl-runner" }, responseElements: { accessKey: { accessKeyId: "AKIANEWKEY0000000001", userName: "etl-runner" } } });
    const summary = await ingestEvents(w.actor, "cloudtrail", cloudTrailFile([byTerraform]));
    // terraform itself is not inventoried: it is discovered and gets its own item; etl-runner's item is joined.
    expect(summary).toMatchObject({ discovered: 1, reviewItemsOpened: 1, reviewItemsJoined: 1 });
    const created = (await findingsOf(w.ws.id)).find((f) => f.kind === "CREDENTIAL_CREATED")!;
    expect(created.sentence).toMatch(/^A new access key AKIANEWKEY0000000001 was created for etl-runner by terraform on \d{4}-\d{2}-\d{2}\.$/);
    expect(created.reviewItemId).toBe(item.id);
    let joined = await db.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(joined.reviewerId).toBe(w.owner.id);
    expect((joined.reasons as { kind: string }[]).map((r) => r.kind)).toEqual(["DORMANT", "CREDENTIAL_CREATED"]);

    const byOwner = cloudTrailRecord({ at: at(0, 1), type: "AssumedRole", arn: "arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123", session: w.owner.email, eventName: "PutUserPolicy", requestParameters: { userName: "etl-runner", policyName: "warehouse-write" } });
    await ingestEvents(w.actor, "cloudtrail", cloudTrailFile([byOwner]));
    joined = await db.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(joined.reviewerId).toBe(w.fallback.id);
    expect((joined.reasons as { kind: string }[]).map((r) => r.kind)).toEqual(["DORMANT", "CREDENTIAL_CREATED", "PERMISSION_EXPANSION"]);
  });
});

describe("bad input", () => {
  it("counts unreadable records with their position and still ingests the rest", async () => {
    const w = await world();
    const text = [JSON.stringify({ time: at(0).toISOString(), principal: "svc:etl-runner", action: "ok" }), "{not json", JSON.stringify({ time: "never", principal: "x", action: "y" }), JSON.stringify({ time: at(0, 1).toISOString(), principal: "svc:unknown-thing", action: "ok" })].join("\n");
    const summary = await ingestEvents(w.actor, "jsonl", text);
    expect(summary).toMatchObject({ records: 4, accepted: 2, unknown: 2, unmatched: 1, discovered: 1 });
    expect(summary.unknownSamples).toEqual([{ at: "line 2", reason: expect.stringMatching(/^not JSON/) }, { at: "line 3", reason: expect.stringMatching(/^time: /) }]);
  });

  it("stores a record carrying a NUL character or a broken surrogate instead of failing its chunk", async () => {
    const w = await world();
    const text = JSON.stringify({ id: "nul-1", time: at(0).toISOString(), principal: "svc:etl-runner", action: "odd\u0000call", target: "bad\ud800name" });
    expect(await ingestEvents(w.actor, "jsonl", text)).toMatchObject({ accepted: 1 });
    const stored = await db.activityEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, dedupeKey: "jsonl:nul-1" } });
    expect([stored.action, stored.target]).toEqual(["odd\ufffdcall", "bad\ufffdname"]);
  });

  it("refuses a caller without events:write and writes nothing", async () => {
    const w = await world();
    await expect(ingestEvents(apiKeyActor(w.ws.id, ["inventory:read"]), "jsonl", jsonl([{ time: at(0) }]))).rejects.toThrow(/permission/);
    expect(await db.activityEvent.count({ where: { workspaceId: w.ws.id } })).toBe(0);
  });
});
