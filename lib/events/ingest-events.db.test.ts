import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest-events";
import { cloudTrailFile, cloudTrailRecord } from "@/lib/events/cloudtrail-builder";
import { apiKeyActor, createIdentity, createSource, createUser, createWorkspace } from "@/prisma/factories";

const DAY = 86_400_000;
const ARN = "arn:aws:iam::111122223333:user/ci-deployer";
const KEY = "AKIAIOSFODNN7EXAMPLE";

async function world() {
  const ws = await createWorkspace(db);
  const owner = await createUser(db, ws.id, { name: "Olivia Owner", email: `olivia-${ws.slug}@acme.test` });
  const fallback = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER", name: "Chris Compliance" });
  await db.workspace.update({ where: { id: ws.id }, data: { fallbackReviewerId: fallback.id } });
  const source = await createSource(db, ws.id, { name: "aws-prod", kind: "AWS" });
  const identity = await createIdentity(db, ws.id, {
    sourceId: source.id, name: "ci-deployer", externalId: ARN, ownerId: owner.id, environment: "prod", lastUsedAt: new Date(Date.now() - 31 * DAY),
    credentials: [{ kind: "ACCESS_KEY", externalId: KEY }],
  });
  return { ws, owner, fallback, source, identity, actor: apiKeyActor(ws.id) };
}

/** 30 days of ordinary use ending yesterday: 20 S3 reads a day from one network in us-east-1 with Boto3. */
function normalMonth(end = Date.now() - DAY) {
  const records = [];
  for (let d = 30; d >= 1; d--) {
    for (let i = 0; i < 20; i++) records.push(cloudTrailRecord({ at: new Date(end - d * DAY + i * 60_000), arn: ARN, accessKeyId: KEY, ip: `198.51.100.${10 + (i % 5)}` }));
  }
  return records;
}

describe("event ingestion: a month of CloudTrail for a key, then a call from a new region", () => {
  it("opens exactly one “new region” finding with its sentence and one review item for the owner, and nothing on re-ingesting", async () => {
    const { ws, owner, identity, actor } = await world();
    const strange = cloudTrailRecord({ at: new Date(Date.now() - 60_000), arn: ARN, accessKeyId: KEY, eventName: "RunInstances", eventSource: "ec2.amazonaws.com", region: "ap-southeast-2", ip: "198.51.100.11" });
    const file = cloudTrailFile([...normalMonth(), strange]);

    const first = await ingestEvents(actor, "cloudtrail", file);
    expect(first).toMatchObject({ records: 601, accepted: 601, duplicate: 0, unmatched: 0, unknown: 0, discovered: 0, findingsOpened: 1, reviewItemsOpened: 1 });

    const findings = await db.finding.findMany({ where: { workspaceId: ws.id } });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.kind).toBe("NEW_REGION");
    expect(finding!.identityId).toBe(identity.id);
    expect(finding!.sentence).toMatch(/^ci-deployer made its first call from region ap-southeast-2 \(ec2:RunInstances from 198\.51\.100\.11\); it had used only us-east-1 since \d{4}-\d{2}-\d{2}\.$/);
    const cause = await db.activityEvent.findFirstOrThrow({ where: { workspaceId: ws.id, dedupeKey: `cloudtrail:${strange.eventID as string}` } });
    expect(finding!.eventIds).toEqual([cause.id]);
    expect(cause).toMatchObject({ identityId: identity.id, region: "ap-southeast-2", kind: "API_CALL", action: "ec2:RunInstances" });

    const items = await db.reviewItem.findMany({ where: { workspaceId: ws.id }, include: { campaign: true } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ identityId: identity.id, reviewerId: owner.id, status: "PENDING", campaign: { kind: "CONTINUOUS", status: "ACTIVE" } });
    expect(items[0]!.reasons).toEqual([expect.objectContaining({ kind: "NEW_REGION", sentence: finding!.sentence, findingId: finding!.id })]);
    expect(finding!.reviewItemId).toBe(items[0]!.id);
    expect(finding!.status).toBe("IN_REVIEW");

    const again = await ingestEvents(actor, "cloudtrail", file);
    expect(again).toMatchObject({ records: 601, accepted: 0, duplicate: 601, findingsOpened: 0, reviewItemsOpened: 0, reviewItemsJoined: 0 });
    expect(await db.finding.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await db.activityEvent.count({ where: { workspaceId: ws.id } })).toBe(601);
    expect(await db.reviewItem.count({ where: { workspaceId: ws.id } })).toBe(1);

    const baseline = await db.baseline.findUniqueOrThrow({ where: { identityId: identity.id } });
    expect(Object.keys(baseline.regions as object).sort()).toEqual(["ap-southeast-2", "us-east-1"]);
    const after = await db.identity.findUniqueOrThrow({ where: { id: identity.id }, include: { credentials: true } });
    expect(after.lastUsedAt?.toISOString()).toBe(new Date(strange.eventTime as string).toISOString());
    expect(after.credentials[0]!.lastUsedAt?.toISOString()).toBe(new Date(strange.eventTime as string).toISOString());
    const audits = await db.auditEvent.findMany({ where: { workspaceId: ws.id, action: "events.ingested" }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => a.data)).toEqual([
      expect.objectContaining({ accepted: 601, duplicate: 0, findings: 1, reviewItemsOpened: 1 }),
      expect.objectContaining({ accepted: 0, duplicate: 601, findings: 0 }),
    ]);
  });

  it("gives the same single finding when the file is ingested in many small transactions", async () => {
    const { ws, identity, actor } = await world();
    const strange = cloudTrailRecord({ at: new Date(Date.now() - 60_000), arn: ARN, accessKeyId: KEY, region: "ap-southeast-2" });
    const summary = await ingestEvents(actor, "cloudtrail", cloudTrailFile([...normalMonth(), strange]), { batchSize: 37, commitSeconds: 0 });
    expect(summary).toMatchObject({ accepted: 601, findingsOpened: 1 });
    expect(await db.finding.findMany({ where: { workspaceId: ws.id }, select: { kind: true, identityId: true } })).toEqual([{ kind: "NEW_REGION", identityId: identity.id }]);
    expect(await db.auditEvent.count({ where: { workspaceId: ws.id, action: "events.ingested" } })).toBe(Math.ceil(601 / 37));
    const baseline = await db.baseline.findUniqueOrThrow({ where: { identityId: identity.id } });
    expect(Object.values((baseline.dailyCalls as { days: Record<string, number> }).days).reduce((a, b) => a + b, 0)).toBe(601);
  });

  it("stores only the new part of a file that overlaps one ingested before, chunk by chunk, each line whole", async () => {
    const { ws, identity, actor } = await world();
    const records = normalMonth();
    // Chunks of 50: those straddling the overlap hold stored and new keys.
    expect(await ingestEvents(actor, "cloudtrail", cloudTrailFile(records.slice(0, 275)), { batchSize: 50 })).toMatchObject({ accepted: 275 });
    const both = await ingestEvents(actor, "cloudtrail", records.map((r) => JSON.stringify(r)).join("\n"), { batchSize: 50 });
    expect(both).toMatchObject({ records: 600, accepted: 325, duplicate: 275 });
    const stored = await db.activityEvent.findMany({ where: { workspaceId: ws.id }, select: { dedupeKey: true, identityId: true, raw: true } });
    expect(stored.map((e) => e.dedupeKey).sort()).toEqual(records.map((r) => `cloudtrail:${r.eventID as string}`).sort());
    expect(stored.every((e) => e.identityId === identity.id && JSON.parse(e.raw).userIdentity.accessKeyId === KEY)).toBe(true);
    const baseline = await db.baseline.findUniqueOrThrow({ where: { identityId: identity.id } });
    expect(Object.values((baseline.dailyCalls as { days: Record<string, number> }).days).reduce((a, b) => a + b, 0)).toBe(600);
  });

  it("keeps what committed transactions stored whole when a later one fails, and stops there", async () => {
    const { ws, identity, actor } = await world();
    const records = normalMonth();
    let calls = 0;
    const now = () => {
      if (++calls > 1) throw new Error("clock unavailable");
      return new Date();
    };
    await expect(ingestEvents(actor, "cloudtrail", cloudTrailFile(records), { batchSize: 100, commitSeconds: 0, now })).rejects.toThrow("clock unavailable");

    const stored = await db.activityEvent.findMany({ where: { workspaceId: ws.id }, select: { occurredAt: true } });
    expect(stored).toHaveLength(100);
    const baseline = await db.baseline.findUniqueOrThrow({ where: { identityId: identity.id } });
    expect(Object.values((baseline.dailyCalls as { days: Record<string, number> }).days).reduce((a, b) => a + b, 0)).toBe(100);
    const latest = Math.max(...stored.map((e) => e.occurredAt.getTime()));
    expect((await db.identity.findUniqueOrThrow({ where: { id: identity.id } })).lastUsedAt?.getTime()).toBe(latest);
    expect(await db.auditEvent.count({ where: { workspaceId: ws.id, action: "events.ingested" } })).toBe(1);
  });

  it("keeps each raw record as the log wrote it: JSON lines byte for byte (NUL escapes and lone surrogates too), a Records file one record each", async () => {
    const { ws, actor } = await world();
    const odd: Record<string, unknown> = { ...cloudTrailRecord({ at: new Date(Date.now() - DAY), arn: ARN, accessKeyId: KEY }), requestParameters: { bucketName: "nul\u0000bucket", key: "x\u0000y", note: "\ud800z", big: 12345678901234567890 } };
    const line = JSON.stringify(odd, null, 0).replace('"big":12345678901234567000', '"big":12345678901234567890').replace("{", "{ ");
    const plain = cloudTrailRecord({ at: new Date(Date.now() - 2 * DAY), arn: ARN, accessKeyId: KEY });
    expect(await ingestEvents(actor, "cloudtrail", `${line}\n${JSON.stringify(plain)}\n`)).toMatchObject({ accepted: 2, unknown: 0 });
    const inRecordsFile = cloudTrailRecord({ at: new Date(Date.now() - 3 * DAY), arn: ARN, accessKeyId: KEY });
    expect(await ingestEvents(actor, "cloudtrail", cloudTrailFile([inRecordsFile]))).toMatchObject({ accepted: 1 });

    const raw = async (record: Record<string, unknown>) => (await db.activityEvent.findFirstOrThrow({ where: { workspaceId: ws.id, dedupeKey: `cloudtrail:${record.eventID as string}` } })).raw;
    expect(await raw(odd)).toBe(line);
    // A NUL in a value (text cannot hold one) is stored as U+FFFD; the raw record keeps its JSON escape.
    expect((await db.activityEvent.findFirstOrThrow({ where: { workspaceId: ws.id, dedupeKey: `cloudtrail:${odd.eventID as string}` } })).target).toBe("nul\ufffdbucket");
    expect(JSON.parse(await raw(odd))).toMatchObject({ requestParameters: { key: "x\u0000y", note: "\ud800z" } });
    expect(await raw(plain)).toBe(JSON.stringify(plain));
    expect(JSON.parse(await raw(inRecordsFile))).toEqual(inRecordsFile);
  });

  it("writes every COPY line whole when an id in it is not ASCII", async () => {
    const { ws, identity, actor } = await world();
    const id = `idn_ünïcødé_${identity.id}`;
    await db.$executeRaw`UPDATE "Identity" SET id = ${id} WHERE id = ${identity.id}`;
    const records = normalMonth().slice(0, 3);
    expect(await ingestEvents(actor, "cloudtrail", records.map((r) => JSON.stringify(r)).join("\n"))).toMatchObject({ accepted: 3, unmatched: 0 });
    const stored = await db.activityEvent.findMany({ where: { workspaceId: ws.id }, orderBy: { occurredAt: "asc" } });
    expect(stored.map((e) => [e.identityId, e.raw])).toEqual(records.map((r) => [id, JSON.stringify(r)]));
  });
});
