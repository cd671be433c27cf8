// Seeds the demo workspace once: people and teams, three sources with a few hundred identities of
// every kind, an active quarterly campaign with pending items, and some findings. Re-running is a no-op.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { db, disconnectDb } from "../lib/db";
import { recordAudit } from "../lib/audit/record-audit";
import { systemActor } from "../lib/authz/actor";
import { DEMO_WORKSPACE_SLUG } from "../lib/demo-users";
import { createCampaign, createFinding, createIdentity, createReviewItem, createSource, createTeam, createUser, createWorkspace, type IdentitySpec } from "./factories";
import type { IdentityKind } from "./generated/enums";

const DAY = 86_400_000;

/** Deterministic pseudo-random numbers so every demo looks the same (mulberry32). */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemo(): Promise<{ created: boolean; workspaceId: string }> {
  const existing = await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE_SLUG } });
  if (existing) return { created: false, workspaceId: existing.id };
  const rand = prng(42);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = Date.now();

  const workspaceId = await db.$transaction(async (tx) => {
    const ws = await createWorkspace(tx, { name: "Acme Corp (demo)", slug: DEMO_WORKSPACE_SLUG });
    const actor = systemActor(ws.id, "seed");
    await recordAudit(tx, actor, "workspace.created", { type: "Workspace", id: ws.id }, { name: ws.name });

    const admin = await createUser(tx, ws.id, { role: "ADMIN", name: "Ada Admin", email: "ada.admin@acme.test" });
    const cm = await createUser(tx, ws.id, { role: "COMPLIANCE_MANAGER", name: "Chris Compliance", email: "chris.compliance@acme.test" });
    await createUser(tx, ws.id, { role: "AUDITOR", name: "Avery Auditor", email: "avery.auditor@acme.test" });
    const lead = await createUser(tx, ws.id, { name: "Lee Lead", email: "lee.lead@acme.test" });
    const owners = [
      await createUser(tx, ws.id, { name: "Olivia Owner", email: "olivia.owner@acme.test", managerId: lead.id }),
      await createUser(tx, ws.id, { name: "Sam Platform", email: "sam.platform@acme.test", managerId: lead.id }),
      await createUser(tx, ws.id, { name: "Dana Data", email: "dana.data@acme.test", managerId: lead.id }),
      await createUser(tx, ws.id, { name: "Priya Payments", email: "priya.payments@acme.test", managerId: lead.id }),
      await createUser(tx, ws.id, { name: "Marco Security", email: "marco.security@acme.test", managerId: lead.id }),
      lead,
    ];
    const departed = await createUser(tx, ws.id, { name: "Former Engineer", email: "former.engineer@acme.test", status: "DEPARTED" });
    await tx.workspace.update({ where: { id: ws.id }, data: { fallbackReviewerId: cm.id } });
    const teams = [
      await createTeam(tx, ws.id, { name: "Platform", leadId: lead.id, memberIds: [owners[1]!.id, lead.id] }),
      await createTeam(tx, ws.id, { name: "Data", leadId: lead.id, memberIds: [owners[2]!.id] }),
      await createTeam(tx, ws.id, { name: "Payments", leadId: lead.id, memberIds: [owners[3]!.id, owners[0]!.id] }),
      await createTeam(tx, ws.id, { name: "Security", leadId: admin.id, memberIds: [owners[4]!.id] }),
    ];
    await recordAudit(tx, actor, "people.provisioned", null, { users: 11, teams: teams.length });

    const aws = await createSource(tx, ws.id, { name: "aws-prod (123456789012)", kind: "AWS" });
    const k8s = await createSource(tx, ws.id, { name: "k8s prod-eu-1", kind: "KUBERNETES" });
    const gh = await createSource(tx, ws.id, { name: "github.com/acme", kind: "GITHUB" });
    const envs = ["prod", "staging", "dev"] as const;
    const services = ["billing", "ledger", "search", "ingest", "deployer", "backup", "metrics", "etl", "notifier", "gateway", "payments", "auth", "reports", "ml-train", "support-bot"];

    const specs: IdentitySpec[] = [];
    const kindsBySource: [string, IdentityKind[]][] = [
      [aws.id, ["SERVICE_ACCOUNT", "API_KEY", "WORKLOAD", "AI_AGENT", "CERTIFICATE"]],
      [k8s.id, ["WORKLOAD", "SERVICE_ACCOUNT", "BOT"]],
      [gh.id, ["TOKEN", "DEPLOY_KEY", "OAUTH_APP", "BOT", "AI_AGENT"]],
    ];
    for (let i = 0; i < 300; i++) {
      const [sourceId, kinds] = kindsBySource[i % 3]!;
      const kind = pick(kinds);
      const env = pick(envs);
      const svc = pick(services);
      const name = `${svc}-${kind.toLowerCase().replaceAll("_", "-")}-${env}-${i}`;
      const externalId = sourceId === aws.id ? `arn:aws:iam::123456789012:user/${name}` : sourceId === k8s.id ? `system:serviceaccount:${svc}:${name}` : `github:acme:${kind.toLowerCase()}:${1000 + i}`;
      const privileged = rand() < 0.12;
      const orphan = rand() < 0.06;
      const ownerRoll = rand();
      const owner = orphan ? null : ownerRoll < 0.05 ? departed : pick(owners);
      const lastUsedDaysAgo = rand() < 0.15 ? 120 + Math.floor(rand() * 200) : Math.floor(rand() * 20);
      const keyAge = Math.floor(rand() * 400);
      specs.push({
        sourceId, kind, name, externalId, environment: env, ownerId: owner?.id ?? null, owningTeamId: pick(teams).id, privileged,
        lastUsedAt: new Date(now - lastUsedDaysAgo * DAY),
        blastRadius: (privileged ? 60 : 10) + Math.floor(rand() * 30),
        credentials: kind === "CERTIFICATE"
          ? [{ kind: "CERTIFICATE", createdAt: new Date(now - keyAge * DAY), expiresAt: new Date(now + (30 - (keyAge % 60)) * DAY) }]
          : [{ kind: sourceId === gh.id ? "TOKEN" : "ACCESS_KEY", createdAt: new Date(now - keyAge * DAY), lastUsedAt: new Date(now - lastUsedDaysAgo * DAY) }],
        entitlements: [
          { name: privileged ? (sourceId === k8s.id ? "ClusterRoleBinding/cluster-admin" : "AdministratorAccess") : `${svc}-read`, resource: privileged ? "*" : `${svc}/*`, privileged, wildcard: privileged, canMint: privileged && rand() < 0.5 },
          { name: `${svc}-write`, resource: `${svc}/${env}` },
        ],
      });
    }
    const identities = [];
    for (const spec of specs) identities.push(await createIdentity(tx, ws.id, spec));
    await recordAudit(tx, actor, "inventory.seeded", null, { identities: identities.length, sources: 3 });

    const campaign = await createCampaign(tx, ws.id, { name: "Q4 2026 machine identity review", dueAt: new Date(now + 14 * DAY), createdById: cm.id });
    const continuous = await createCampaign(tx, ws.id, { name: "Continuous review", kind: "CONTINUOUS" });
    const inScope = identities.filter((_, i) => i % 4 === 0);
    for (const [i, identity] of inScope.entries()) {
      const reviewer = identity.ownerId && identity.ownerId !== departed.id ? identity.ownerId : cm.id;
      await createReviewItem(tx, ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: reviewer, dueAt: new Date(now + (i % 5 === 0 ? -2 : 14) * DAY) });
    }
    await recordAudit(tx, systemActor(ws.id, "seed"), "campaign.launched", { type: "Campaign", id: campaign.id }, { items: inScope.length });

    const dormant = identities.filter((x) => x.lastUsedAt && x.lastUsedAt.getTime() < now - 90 * DAY).slice(0, 8);
    for (const identity of dormant) {
      const days = Math.floor((now - identity.lastUsedAt!.getTime()) / DAY);
      const item = await createReviewItem(tx, ws.id, { campaignId: continuous.id, identityId: identity.id, reviewerId: identity.ownerId && identity.ownerId !== departed.id ? identity.ownerId : cm.id, reasons: [{ kind: "DORMANT", sentence: `${identity.name} has not been used for ${days} days (policy: 90).` }] });
      await createFinding(tx, ws.id, { identityId: identity.id, kind: "DORMANT", severity: identity.privileged ? "HIGH" : "MEDIUM", sentence: `${identity.name} has not been used for ${days} days (policy: 90).`, detail: { days }, reviewItemId: item.id });
    }
    const orphaned = identities.filter((x) => !x.ownerId || x.ownerId === departed.id).slice(0, 6);
    for (const identity of orphaned) {
      await createFinding(tx, ws.id, { identityId: identity.id, kind: "ORPHANED", severity: identity.privileged ? "HIGH" : "MEDIUM", sentence: identity.ownerId ? `${identity.name} is owned by Former Engineer, who has left.` : `${identity.name} has no owner.` });
    }
    await recordAudit(tx, actor, "findings.seeded", null, { findings: dormant.length + orphaned.length });
    return ws.id;
  }, { timeout: 300_000, maxWait: 30_000 });
  return { created: true, workspaceId };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await seedDemo();
  console.log(result.created ? `Seeded demo workspace ${result.workspaceId}.` : "Demo workspace already present; nothing seeded.");
  await disconnectDb();
}
