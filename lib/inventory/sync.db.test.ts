import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { fixtureBytes, importBytes } from "@/lib/inventory/import-test-helpers";
import type { FormatName } from "@/lib/inventory/schema";
import { createSource, createTeam, createUser, createWorkspace } from "@/prisma/factories";

let actor: UserActor;
let workspaceId: string;

beforeAll(async () => {
  const ws = await createWorkspace(db);
  workspaceId = ws.id;
  const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
  const olivia = await createUser(db, ws.id, { email: "olivia.owner@acme.test", name: "Olivia Owner" });
  const dana = await createUser(db, ws.id, { email: "dana.data@acme.test", name: "Dana Data" });
  await createTeam(db, ws.id, { name: "Payments", memberIds: [olivia.id] });
  await createTeam(db, ws.id, { name: "Platform" });
  await createTeam(db, ws.id, { name: "Data", memberIds: [dana.id] });
  actor = { type: "USER", workspaceId: ws.id, userId: cm.id, role: "COMPLIANCE_MANAGER", label: cm.email };
});

/** Everything the source holds, as sorted readable lines. */
async function sourceState(sourceId: string) {
  const identities = await db.identity.findMany({
    where: { sourceId },
    include: { credentials: true, entitlements: true, owner: { select: { email: true } }, owningTeam: { select: { name: true } } },
    orderBy: { externalId: "asc" },
  });
  return {
    identities: identities.map((i) => `${i.externalId} ${i.kind} ${i.status}${i.privileged ? " privileged" : ""} blast=${i.blastRadius}${i.owner ? ` owner=${i.owner.email}` : ""}${i.owningTeam ? ` team=${i.owningTeam.name}` : ""}`),
    credentials: identities.flatMap((i) => i.credentials.map((c) => `${c.externalId} ${c.kind} ${c.status}`)).sort(),
    entitlements: identities.flatMap((i) => i.entitlements.map((e) => `${i.name}: ${e.name} @ ${e.resource}${e.privileged ? " privileged" : ""}${e.wildcard ? " wildcard" : ""}${e.canMint ? " can-mint" : ""} ${e.status}`)).sort(),
  };
}

const workspaceCounts = async () => ({
  identities: await db.identity.count({ where: { workspaceId } }),
  credentials: await db.credential.count({ where: { workspaceId } }),
  entitlements: await db.entitlement.count({ where: { workspaceId } }),
  changes: await db.changeRecord.count({ where: { workspaceId } }),
  active: await db.identity.count({ where: { workspaceId, status: "ACTIVE" } }),
});

async function freshSource(kind: "AWS" | "KUBERNETES" | "GITHUB" | "GENERIC" = "GENERIC") {
  return createSource(db, workspaceId, { kind });
}

describe("each fixture imports to exactly the rows it describes", () => {
  it("aws-credential-report: machine users and their keys; people and root stay out", async () => {
    const source = await freshSource("AWS");
    const bytes = fixtureBytes("aws-credential-report.csv");
    const { syncId, outcome } = await importBytes(actor, source.id, "aws-credential-report", bytes, "report.csv");
    expect(outcome.status).toBe("SUCCEEDED");
    expect(await sourceState(source.id)).toEqual({
      identities: [
        "arn:aws:iam::123456789012:user/backup-agent SERVICE_ACCOUNT ACTIVE blast=0",
        "arn:aws:iam::123456789012:user/ci/ci-deployer SERVICE_ACCOUNT ACTIVE blast=0",
        "arn:aws:iam::123456789012:user/dormant-no-keys SERVICE_ACCOUNT DISABLED blast=0",
        "arn:aws:iam::123456789012:user/legacy-reporter SERVICE_ACCOUNT DISABLED blast=0",
        "arn:aws:iam::123456789012:user/signing-svc SERVICE_ACCOUNT ACTIVE blast=0",
      ],
      credentials: [
        "arn:aws:iam::123456789012:user/backup-agent#access-key-1 ACCESS_KEY ACTIVE",
        "arn:aws:iam::123456789012:user/ci/ci-deployer#access-key-1 ACCESS_KEY ACTIVE",
        "arn:aws:iam::123456789012:user/ci/ci-deployer#access-key-2 ACCESS_KEY ACTIVE",
        "arn:aws:iam::123456789012:user/legacy-reporter#access-key-1 ACCESS_KEY INACTIVE",
        "arn:aws:iam::123456789012:user/signing-svc#certificate-1 CERTIFICATE ACTIVE",
      ],
      entitlements: [],
    });
    const ci = await db.identity.findFirstOrThrow({ where: { sourceId: source.id, name: "ci-deployer" } });
    expect(ci).toMatchObject({ lastUsedAt: new Date("2024-11-22T03:14:00Z"), createdAtSource: new Date("2021-05-17T12:30:00Z"), oldestCredentialAt: new Date("2023-01-15T00:00:00Z"), firstSyncId: syncId, discoveredBy: "IMPORT" });
    const sync = await db.sourceSync.findUniqueOrThrow({ where: { id: syncId } });
    expect(sync).toMatchObject({ status: "SUCCEEDED", format: "aws-credential-report", fileName: "report.csv", fileSha256: createHash("sha256").update(bytes).digest("hex"), rowsParsed: 7, rowsApplied: 5, seenCount: 5, addedCount: 5, changedCount: 0, removedCount: 0 });
    expect(sync.stats).toMatchObject({ baseline: true, credentials: { created: 5 } });
    const audit = await db.auditEvent.findMany({ where: { workspaceId, subjectId: syncId, action: "inventory.synced" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ seen: 5, added: 5, changed: 0, removed: 0, fileSha256: sync.fileSha256, baseline: true });
    // The first load of a source is a baseline: it records counts, not a change per row.
    expect(await db.changeRecord.count({ where: { syncId } })).toBe(0);
  });

  it("aws-authorization-details: users and roles with managed, inline and group policies", async () => {
    const source = await freshSource("AWS");
    expect((await importBytes(actor, source.id, "aws-authorization-details", fixtureBytes("aws-authorization-details.json"))).outcome.status).toBe("SUCCEEDED");
    const state = await sourceState(source.id);
    expect(state.identities).toEqual([
      "arn:aws:iam::123456789012:role/OrganizationAccountAccessRole WORKLOAD ACTIVE privileged blast=71",
      "arn:aws:iam::123456789012:role/cross-account-assumer WORKLOAD ACTIVE privileged blast=71",
      "arn:aws:iam::123456789012:role/service-role/lambda-etl WORKLOAD ACTIVE blast=13",
      "arn:aws:iam::123456789012:user/backup-agent SERVICE_ACCOUNT ACTIVE blast=1",
      "arn:aws:iam::123456789012:user/ci/ci-deployer SERVICE_ACCOUNT ACTIVE privileged blast=73",
      "arn:aws:iam::123456789012:user/dormant-no-keys SERVICE_ACCOUNT ACTIVE blast=0",
      "arn:aws:iam::123456789012:user/legacy-reporter SERVICE_ACCOUNT ACTIVE blast=0",
      "arn:aws:iam::123456789012:user/signing-svc SERVICE_ACCOUNT ACTIVE blast=0",
    ]);
    expect(state.credentials).toEqual([]);
    expect(state.entitlements).toEqual([
      "OrganizationAccountAccessRole: AdministratorAccess @ * privileged wildcard can-mint ACTIVE",
      "backup-agent: AmazonS3ReadOnlyAccess @ * ACTIVE",
      "ci-deployer: inline:deploy-artifacts @ arn:aws:s3:::acme-artifacts/* ACTIVE",
      "ci-deployer: key-minter @ arn:aws:iam::123456789012:user/* privileged can-mint ACTIVE",
      "cross-account-assumer: inline:assume-anything @ * privileged wildcard can-mint ACTIVE",
      "lambda-etl: AWSLambdaBasicExecutionRole @ * ACTIVE",
      "lambda-etl: inline:etl-inline @ arn:aws:dynamodb:us-east-1:123456789012:table/etl-* wildcard ACTIVE",
    ]);
    const keyMinter = await db.entitlement.findFirstOrThrow({ where: { workspaceId, name: "key-minter" } });
    expect(keyMinter.grantedBy).toBe("group:deployers");
  });

  it("k8s: service accounts with their bindings (group subjects expanded)", async () => {
    const source = await freshSource("KUBERNETES");
    expect((await importBytes(actor, source.id, "k8s", fixtureBytes("k8s.json"))).outcome.status).toBe("SUCCEEDED");
    expect(await sourceState(source.id)).toEqual({
      identities: [
        "system:serviceaccount:ci:deployer SERVICE_ACCOUNT ACTIVE privileged blast=83",
        "system:serviceaccount:monitoring:prometheus SERVICE_ACCOUNT ACTIVE blast=1",
        "system:serviceaccount:payments:billing-api SERVICE_ACCOUNT ACTIVE blast=31",
      ],
      credentials: ["secret/payments/billing-api-token-x7k2p TOKEN ACTIVE"],
      entitlements: [
        "ci/deployer: ClusterRole/cluster-admin @ cluster privileged wildcard can-mint ACTIVE",
        "ci/deployer: ClusterRole/token-minter @ namespace:ci can-mint ACTIVE",
        "monitoring/prometheus: ClusterRole/pod-reader @ cluster ACTIVE",
        "payments/billing-api: ClusterRole/edit @ namespace:payments can-mint ACTIVE",
      ],
    });
  });

  it("github-pats: each token grant with its permissions", async () => {
    const source = await freshSource("GITHUB");
    expect((await importBytes(actor, source.id, "github-pats", fixtureBytes("github-pats.json"))).outcome.status).toBe("SUCCEEDED");
    const state = await sourceState(source.id);
    expect(state.identities).toEqual(["github:pat:25381 TOKEN ACTIVE blast=14", "github:pat:25400 TOKEN ACTIVE privileged blast=64", "github:pat:25411 TOKEN DISABLED blast=1"]);
    expect(state.credentials).toEqual(["github:token:98716 TOKEN ACTIVE", "github:token:98801 TOKEN ACTIVE", "github:token:98822 TOKEN EXPIRED"]);
    expect(state.entitlements).toHaveLength(7);
  });

  it.each<[FormatName, string]>([["rollcall-csv", "rollcall.csv"], ["rollcall-json", "rollcall.json"]])("%s: owners named in the file are assigned", async (format, file) => {
    const source = await freshSource();
    expect((await importBytes(actor, source.id, format, fixtureBytes(file))).outcome.status).toBe("SUCCEEDED");
    const state = await sourceState(source.id);
    if (format === "rollcall-csv") {
      expect(state.identities).toEqual([
        "svc:billing-exporter SERVICE_ACCOUNT ACTIVE blast=13 owner=olivia.owner@acme.test team=Payments",
        "svc:ci-bot BOT ACTIVE privileged blast=82 team=Platform",
        "svc:ml-agent AI_AGENT ACTIVE blast=1 owner=dana.data@acme.test",
        "svc:old-cert CERTIFICATE DISABLED blast=0",
      ]);
      expect(state.credentials).toEqual(["cert-123 CERTIFICATE EXPIRED", "key-billing-1 ACCESS_KEY ACTIVE", "tok-ci-1 TOKEN ACTIVE"]);
      expect(state.entitlements).toHaveLength(5);
    } else {
      expect(state.identities).toEqual([
        "agent:support-summariser AI_AGENT ACTIVE blast=12 owner=dana.data@acme.test team=Data",
        "deploy-key:infra-repo DEPLOY_KEY DISABLED blast=0",
        "oauth:grafana-cloud OAUTH_APP ACTIVE privileged blast=71",
      ]);
      expect(state.credentials).toHaveLength(2);
    }
    const owned = await db.identity.findFirstOrThrow({ where: { sourceId: source.id, ownerId: { not: null } } });
    expect(owned.ownerSource).toBe("IMPORT");
  });
});

describe("re-imports and changes", () => {
  const report = () => new TextDecoder().decode(fixtureBytes("aws-credential-report.csv"));
  const encode = (text: string) => new TextEncoder().encode(text);

  it("re-importing the same file changes nothing", async () => {
    const source = await freshSource("AWS");
    const bytes = fixtureBytes("aws-credential-report.csv");
    await importBytes(actor, source.id, "aws-credential-report", bytes);
    const before = await sourceState(source.id);
    const again = await importBytes(actor, source.id, "aws-credential-report", bytes);
    expect(again.outcome).toMatchObject({ status: "SUCCEEDED", summary: { seen: 5, added: 0, changed: 0, removed: 0, baseline: false, credentials: { created: 0, rotated: 0, removed: 0 } } });
    expect(await db.changeRecord.count({ where: { syncId: again.syncId } })).toBe(0);
    expect(await sourceState(source.id)).toEqual(before);
  });

  it("one access key deleted gives exactly one CREDENTIAL_REMOVED change", async () => {
    const source = await freshSource("AWS");
    await importBytes(actor, source.id, "aws-credential-report", fixtureBytes("aws-credential-report.csv"));
    const edited = report().replace("true,2023-01-15T00:00:00+00:00,2023-12-31T23:59:59+00:00,us-east-1,sts", "false,N/A,N/A,N/A,N/A");
    const { syncId, outcome } = await importBytes(actor, source.id, "aws-credential-report", encode(edited));
    expect(outcome).toMatchObject({ status: "SUCCEEDED", summary: { added: 0, changed: 1, removed: 0, credentials: { created: 0, rotated: 0, removed: 1 } } });
    const changes = await db.changeRecord.findMany({ where: { syncId } });
    expect(changes.map((c) => [c.kind, (c.detail as { credential: string }).credential])).toEqual([["CREDENTIAL_REMOVED", "arn:aws:iam::123456789012:user/ci/ci-deployer#access-key-2"]]);
    const key = await db.credential.findFirstOrThrow({ where: { externalId: "arn:aws:iam::123456789012:user/ci/ci-deployer#access-key-2", identity: { sourceId: source.id } } });
    expect(key.status).toBe("REMOVED");
    expect(key.removedAt).not.toBeNull();
  });

  it("a new key in a slot is a rotation; a user gone from the report is REMOVED, not deleted", async () => {
    const source = await freshSource("AWS");
    await importBytes(actor, source.id, "aws-credential-report", fixtureBytes("aws-credential-report.csv"));
    const edited = report()
      .replace("backup-agent,2020-09-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2022-02-01T00:00:00+00:00", "backup-agent,2020-09-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-11-01T00:00:00+00:00")
      .split("\n").filter((l) => !l.startsWith("signing-svc,")).join("\n");
    const { syncId, outcome } = await importBytes(actor, source.id, "aws-credential-report", encode(edited));
    expect(outcome).toMatchObject({ status: "SUCCEEDED", summary: { added: 0, changed: 1, removed: 1, credentials: { rotated: 1 } } });
    expect((await db.changeRecord.findMany({ where: { syncId }, orderBy: { kind: "asc" } })).map((c) => c.kind).sort()).toEqual(["CREDENTIAL_ROTATED", "IDENTITY_REMOVED"]);
    const gone = await db.identity.findFirstOrThrow({ where: { sourceId: source.id, name: "signing-svc" }, include: { credentials: true } });
    expect(gone.status).toBe("REMOVED");
    expect(gone.credentials.map((c) => c.status)).toEqual(["REMOVED"]);
    // Coming back is an IDENTITY_ADDED (reappeared) and makes it active again.
    const back = await importBytes(actor, source.id, "aws-credential-report", fixtureBytes("aws-credential-report.csv"));
    expect(back.outcome).toMatchObject({ summary: { added: 1, removed: 0 } });
    expect((await db.identity.findFirstOrThrow({ where: { id: gone.id } })).status).toBe("ACTIVE");
  });

  it("two formats feed one AWS source without undoing each other", async () => {
    const source = await freshSource("AWS");
    await importBytes(actor, source.id, "aws-credential-report", fixtureBytes("aws-credential-report.csv"));
    const details = await importBytes(actor, source.id, "aws-authorization-details", fixtureBytes("aws-authorization-details.json"));
    // Roles are new; ci-deployer and backup-agent gain entitlements; no credential is touched.
    expect(details.outcome).toMatchObject({ summary: { added: 3, removed: 0, credentials: { created: 0, removed: 0 }, entitlements: { granted: 7, removed: 0 } } });
    const again = await importBytes(actor, source.id, "aws-credential-report", fixtureBytes("aws-credential-report.csv"));
    expect(again.outcome).toMatchObject({ summary: { added: 0, changed: 0, removed: 0 } });
    const ci = await db.identity.findFirstOrThrow({ where: { sourceId: source.id, name: "ci-deployer" }, include: { credentials: true, entitlements: true } });
    expect([ci.credentials.length, ci.entitlements.length, ci.privileged]).toEqual([2, 2, true]);
    expect(await db.identity.count({ where: { sourceId: source.id, status: "ACTIVE", kind: "WORKLOAD" } })).toBe(3);
  });
});

describe("a malformed file is refused whole and leaves the database untouched", () => {
  it.each<[FormatName, string]>([
    ["rollcall-csv", "rollcall-bad.csv"],
    ["rollcall-csv", "rollcall-missing-kind.csv"],
    ["rollcall-json", "rollcall-bad.json"],
    ["rollcall-json", "rollcall-truncated.json"],
    ["aws-credential-report", "aws-credential-report-bad.csv"],
    ["aws-credential-report", "aws-credential-report-missing-columns.csv"],
    ["aws-authorization-details", "aws-authorization-details-bad.json"],
    ["k8s", "k8s-bad.json"],
    ["github-pats", "github-pats-bad.json"],
  ])("%s %s", async (format, file) => {
    const source = await freshSource();
    await importBytes(actor, source.id, "rollcall-csv", fixtureBytes("rollcall.csv"));
    const before = { ...(await workspaceCounts()), state: await sourceState(source.id) };
    const { syncId, outcome } = await importBytes(actor, source.id, format, fixtureBytes(file));
    expect(outcome.status).toBe("FAILED");
    const errors = outcome.status === "FAILED" ? outcome.errors : [];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.reason).toMatch(/\w/);
    expect({ ...(await workspaceCounts()), state: await sourceState(source.id) }).toEqual(before);
    const sync = await db.sourceSync.findUniqueOrThrow({ where: { id: syncId } });
    expect(sync.status).toBe("FAILED");
    expect(sync.errors).toEqual(errors);
    expect(await db.auditEvent.count({ where: { subjectId: syncId, action: "inventory.sync-refused" } })).toBe(1);
  });

  it("an owner the workspace does not know refuses the file, naming the line", async () => {
    const source = await freshSource();
    const csv = "external_id,name,kind,owner_email\nsvc:a,a,bot,olivia.owner@acme.test\nsvc:b,b,bot,nobody@acme.test\n";
    const before = await workspaceCounts();
    const { outcome } = await importBytes(actor, source.id, "rollcall-csv", new TextEncoder().encode(csv));
    expect(outcome).toEqual({ status: "FAILED", errors: [{ line: 3, column: "owner_email", reason: "no person with the email nobody@acme.test in this workspace" }] });
    expect(await workspaceCounts()).toEqual(before);
  });
});
