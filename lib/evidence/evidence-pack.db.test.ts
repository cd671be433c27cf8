import { execFileSync, execSync, spawnSync } from "node:child_process";
import { createHash, createPublicKey, verify } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse/sync";
import yazl from "yazl";
import { beforeAll, describe, expect, it } from "vitest";

// Packs are written under a throwaway data directory; keys are sealed with a test secret.
process.env.ROLLCALL_DATA_DIR = mkdtempSync(path.join(tmpdir(), "rollcall-evidence-data-"));
process.env.AUTH_SECRET = "evidence-test-secret-evidence-test-secret";

const { db } = await import("@/lib/db");
const { recordAudit } = await import("@/lib/audit/record-audit");
const { systemActor } = await import("@/lib/authz/actor");
const { requestEvidencePack } = await import("@/lib/evidence/request-evidence-pack");
const { buildEvidencePackJob } = await import("@/lib/evidence/build-evidence-pack-job");
const { verifyPack } = await import("@/lib/evidence/verify-pack");
const { resolvePackPath } = await import("@/lib/evidence/storage");
const { rotateSigningKey } = await import("@/lib/signing/rotate-signing-key");
const { listSigningKeys } = await import("@/lib/signing/queries");
const { explainRemediation } = await import("@/lib/remediation/explain-remediation");
const f = await import("@/prisma/factories");

const DAY = 86_400_000;
type UserActor = { type: "USER"; workspaceId: string; userId: string; role: "ADMIN" | "AUDITOR" | "MEMBER" | "COMPLIANCE_MANAGER"; label: string };
const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

/** A closed, signed-off campaign of five identities: 3 kept, 1 revoked (verified), 1 exception; one finding. */
async function seedClosedCampaign(options: { leaveOneUndecided?: boolean; revokeVerified?: boolean } = {}) {
  const ws = await f.createWorkspace(db, { name: "Evidence Co" });
  const owner = await f.createUser(db, ws.id, { name: "Owen Owner" });
  const cm = await f.createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
  const auditor = await f.createUser(db, ws.id, { role: "AUDITOR" });
  const admin = await f.createUser(db, ws.id, { role: "ADMIN" });
  const member = await f.createUser(db, ws.id, { role: "MEMBER" });
  const source = await f.createSource(db, ws.id, { name: "aws-prod", kind: "AWS" });
  const sync = await f.createSourceSync(db, ws.id, { sourceId: source.id, startedAt: new Date(Date.now() - 3 * DAY) });
  await db.sourceSync.update({ where: { id: sync.id }, data: { fileName: "credential-report.csv", fileSha256: "ab".repeat(32), seenCount: 7, rowsParsed: 7, rowsApplied: 7 } });
  const identities = [];
  for (let i = 0; i < 5; i++) {
    identities.push(await f.createIdentity(db, ws.id, {
      sourceId: source.id, name: `svc-${i}`, ownerId: owner.id, privileged: i === 1,
      credentials: [{ kind: "ACCESS_KEY" }],
      entitlements: i === 1 ? [{ name: "AdministratorAccess", privileged: true }, { name: "s3-read" }] : [{ name: "s3-read" }],
    }));
  }
  await db.$transaction((tx) => recordAudit(tx, systemActor(ws.id), "inventory.synced", { type: "Source", id: source.id }, {}));
  const campaign = await f.createCampaign(db, ws.id, { name: "Q4 evidence review", status: "ACTIVE", dueAt: new Date(Date.now() + 2 * DAY), createdById: cm.id });
  await db.campaign.update({ where: { id: campaign.id }, data: { population: { takenAt: new Date().toISOString(), total: 5, sources: [{ id: source.id, name: source.name, kind: "AWS", count: 5, lastSync: { id: sync.id } }], filters: { kinds: [] } } } });
  const items = [];
  for (const identity of identities) items.push(await f.createReviewItem(db, ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: owner.id }));
  await f.createFinding(db, ws.id, { identityId: identities[2]!.id, kind: "DORMANT", severity: "MEDIUM", sentence: "svc-2 has not been used for 120 days (policy: 90).", reviewItemId: items[2]!.id });
  await db.$transaction((tx) => recordAudit(tx, systemActor(ws.id), "campaign.launched", { type: "Campaign", id: campaign.id }, { items: 5 }));
  const decided = options.leaveOneUndecided ? items.slice(0, 4) : items;
  for (const [i, item] of decided.entries()) {
    const kind = i === 1 ? "REVOKE" : i === 3 ? "EXCEPTION" : "ATTEST";
    const decision = await f.createDecision(db, ws.id, {
      itemId: item.id, kind, deciderId: owner.id, justification: kind === "ATTEST" ? undefined : kind === "REVOKE" ? "Admin key no longer used, \"remove\" it,\nsee ticket" : "Legacy integration, rotation planned",
      exceptionUntil: kind === "EXCEPTION" ? new Date(Date.now() + 30 * DAY) : undefined, secondsToDecide: 20 + i,
    });
    if (kind === "REVOKE") await f.createRemediationTask(db, ws.id, { decisionId: decision.id, identityId: item.identityId, status: options.revokeVerified === false ? "EXECUTED" : "VERIFIED" });
    await db.$transaction((tx) => recordAudit(tx, as({ ...owner, role: "MEMBER" }), "review.decided", { type: "ReviewItem", id: item.id }, { decision: kind }));
  }
  await db.campaign.update({ where: { id: campaign.id }, data: { status: "CLOSED", closedAt: new Date(), signedOffById: cm.id, signedOffAt: new Date(), signOffStatement: "All machine identities reviewed." } });
  await db.$transaction((tx) => recordAudit(tx, as({ ...cm, role: "COMPLIANCE_MANAGER" }), "campaign.closed", { type: "Campaign", id: campaign.id }, {}));
  return { ws, owner, cm, auditor: as({ ...auditor, role: "AUDITOR" }), admin: as({ ...admin, role: "ADMIN" }), member: as({ ...member, role: "MEMBER" }), campaign, items };
}

async function buildPack(actor: UserActor, input: Parameters<typeof requestEvidencePack>[1]) {
  const requested = await requestEvidencePack(actor, input);
  await buildEvidencePackJob.handle({ packId: requested.id });
  return db.evidencePack.findUniqueOrThrow({ where: { id: requested.id } });
}

function unzip(zipPath: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "rollcall-pack-"));
  execFileSync("unzip", ["-q", zipPath, "-d", dir]);
  return dir;
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix)).flatMap((name) => statSync(path.join(dir, prefix, name)).isDirectory() ? listFiles(dir, path.join(prefix, name)) : [path.join(prefix, name)]);
}

/** Zips a folder again (after a test has tampered with it), with the same entry names. */
async function rezip(dir: string): Promise<string> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "rollcall-rezip-")), "pack.zip");
  const zip = new yazl.ZipFile();
  for (const name of listFiles(dir).sort()) zip.addBuffer(readFileSync(path.join(dir, name)), name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(out));
  return out;
}

type ManifestJson = { pack_id: string; files: { path: string; sha256: string; bytes: number; record_count: number | null }[]; audit_chain: { head_seq: number; events: number }; previous_pack: { id: string } | null; signing_key: { fingerprint_sha256: string } };

describe("evidence pack", () => {
  let world: Awaited<ReturnType<typeof seedClosedCampaign>>;
  let zipPath: string;
  let dir: string;
  let manifest: ManifestJson;

  beforeAll(async () => {
    world = await seedClosedCampaign();
    const pack = await buildPack(world.auditor, { campaignId: world.campaign.id });
    expect(pack).toMatchObject({ status: "READY", progress: 100, campaignId: world.campaign.id });
    zipPath = resolvePackPath(pack.storagePath!);
    dir = unzip(zipPath);
    manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as ManifestJson;
  });

  it("stores the pack with its hash, and audits the request and the build", async () => {
    const pack = await db.evidencePack.findFirstOrThrow({ where: { workspaceId: world.ws.id } });
    const bytes = readFileSync(zipPath);
    expect(pack.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(Number(pack.bytes)).toBe(bytes.length);
    expect(pack.manifestSha256).toBe(createHash("sha256").update(readFileSync(path.join(dir, "manifest.json"))).digest("hex"));
    const actions = (await db.auditEvent.findMany({ where: { workspaceId: world.ws.id, subjectId: pack.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["evidence.pack-requested", "evidence.pack-built"]);
  });

  it("lists every file with its hash, size and record count, and nothing else", () => {
    const onDisk = listFiles(dir).filter((p) => p !== "manifest.json" && p !== "manifest.sig").sort();
    expect(manifest.files.map((x) => x.path).sort()).toEqual(onDisk);
    for (const p of ["README.txt", "manifest.json", "manifest.sig", "signing-key.pem", "summary.pdf", "policy.json", "population/snapshot.csv", "population/extraction.json",
      "population/reconciliation.csv", "decisions.csv", "remediation.csv", "exceptions.csv", "findings.csv", "reviewer-metrics.csv", "audit-log.jsonl", "controls.csv"]) {
      expect(listFiles(dir), p).toContain(p);
    }
    for (const file of manifest.files) {
      const content = readFileSync(path.join(dir, file.path));
      expect(createHash("sha256").update(content).digest("hex"), file.path).toBe(file.sha256);
      expect(content.length, file.path).toBe(file.bytes);
      if (file.path.endsWith(".csv")) expect((parse(content) as string[][]).length - 1, file.path).toBe(file.record_count);
      if (file.path.endsWith(".jsonl")) expect(content.toString().trim().split("\n").length, file.path).toBe(file.record_count);
    }
    const count = (p: string) => manifest.files.find((x) => x.path === p)!.record_count;
    expect(count("decisions.csv")).toBe(5);
    expect(count("population/snapshot.csv")).toBe(6); // one row per item and entitlement
    expect(count("remediation.csv")).toBe(1);
    expect(count("exceptions.csv")).toBe(1);
    expect(count("findings.csv")).toBe(1);
    expect(count("population/extraction.json")).toBe(1);
  });

  it("writes snapshot, decision, remediation and exception rows as their headers say (formatted by PostgreSQL)", () => {
    const read = (name: string) => parse(readFileSync(path.join(dir, name)), { columns: true }) as Record<string, string>[];
    const snapshot = read("population/snapshot.csv");
    const privileged = snapshot.filter((r) => r.identity_name === "svc-1");
    expect(privileged.map((r) => [r.entitlement_name, r.entitlement_privileged])).toEqual([["AdministratorAccess", "true"], ["s3-read", "false"]]);
    expect(privileged[0]).toMatchObject({ item_id: world.items[1]!.id, privileged: "true", credential_count: "1", owner_id: world.owner.id, owner_status: "ACTIVE", source_name: "aws-prod", reviewer_id: world.owner.id, item_status: expect.any(String) });
    expect(privileged[0]!.due_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(privileged[0]!.due_at).toBe(new Date(privileged[0]!.due_at!).toISOString());
    expect(snapshot.find((r) => r.identity_name === "svc-0")).toMatchObject({ privileged: "false", entitlement_name: "s3-read" });
    const decisions = read("decisions.csv");
    expect(decisions.map((d) => d.decision).sort()).toEqual(["ATTEST", "ATTEST", "ATTEST", "EXCEPTION", "REVOKE"]);
    expect(decisions.find((d) => d.decision === "REVOKE")).toMatchObject({ on_time: "true", bulk_action: "false", self_review: "false", decided_by_id: world.owner.id, identity_name: "svc-1", channel: "WEB" });
    expect(read("remediation.csv")).toEqual([expect.objectContaining({ action: "REVOKE", status: "VERIFIED", sla_met: "yes", explanation: "" })]);
    expect(read("exceptions.csv")).toEqual([expect.objectContaining({ identity_name: "svc-3", days_granted: "30", policy_max_days: expect.stringMatching(/^\d+$/), within_policy: "true", status_at_pack_time: "active" })]);
  });

  it("has a signature that node:crypto and the openssl command in README.txt both accept", () => {
    const pem = readFileSync(path.join(dir, "signing-key.pem"), "utf8");
    expect(verify(null, readFileSync(path.join(dir, "manifest.json")), createPublicKey(pem), readFileSync(path.join(dir, "manifest.sig")))).toBe(true);
    const readme = readFileSync(path.join(dir, "README.txt"), "utf8");
    const command = (starts: string) => readme.split("\n").map((l) => l.trim()).find((l) => l.startsWith(starts))!;
    expect(command("openssl pkeyutl")).toBe("openssl pkeyutl -verify -pubin -inkey signing-key.pem -rawin -in manifest.json -sigfile manifest.sig");
    expect(execSync(command("openssl pkeyutl"), { cwd: dir }).toString()).toContain("Signature Verified Successfully");
    expect(execSync(command("openssl pkey"), { cwd: dir }).toString()).toContain(manifest.signing_key.fingerprint_sha256);
    expect(readme).toContain(manifest.signing_key.fingerprint_sha256);
    expect(execSync(command("sha256sum -c"), { cwd: dir }).toString()).not.toMatch(/FAILED/);
  });

  it("maps the complete campaign to met controls, computed from what happened", () => {
    const rows = parse(readFileSync(path.join(dir, "controls.csv")), { columns: true }) as Record<string, string>[];
    const status = (fw: string, id: string) => rows.find((r) => r.framework === fw && r.control_id === id)!;
    expect(status("SOC 2", "CC6.2")).toMatchObject({ status: "met", title: "Registration/authorization before issuing credentials; removal when no longer authorized" });
    expect(status("SOC 2", "CC6.2").evidence_files).toContain("decisions.csv (5 rows)");
    expect(status("ISO/IEC 27001:2022", "A.5.18").status).toBe("met");
    expect(status("NIST SP 800-53 Rev. 5", "AC-6(7)").status).toBe("met");
    expect(status("NIST CSF 2.0", "PR.AA-05").status).toBe("met");
    expect(status("ISO/IEC 27001:2022", "A.8.15")).toMatchObject({ status: "met" });
    const decisions = parse(readFileSync(path.join(dir, "decisions.csv")), { columns: true }) as Record<string, string>[];
    expect(decisions.find((d) => d.decision === "REVOKE")!.justification).toBe('Admin key no longer used, "remove" it,\nsee ticket');
    const metrics = parse(readFileSync(path.join(dir, "reviewer-metrics.csv")), { columns: true }) as Record<string, string>[];
    expect(metrics.find((m) => m.reviewer_id === world.owner.id)).toMatchObject({ decisions_made: "5", self_review_count: "0" });
  });

  it("verifies with `rollcall evidence verify` logic", async () => {
    const report = await verifyPack(zipPath, { expectedFingerprint: manifest.signing_key.fingerprint_sha256 });
    expect(report).toMatchObject({ ok: true, problems: [], packId: manifest.pack_id, auditEvents: manifest.audit_chain.events });
    expect(report.auditEvents).toBeGreaterThan(5);
  });

  it("fails naming decisions.csv when one byte of it is flipped", async () => {
    const tampered = unzip(zipPath);
    const file = path.join(tampered, "decisions.csv");
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0x01;
    writeFileSync(file, bytes);
    const tamperedZip = await rezip(tampered);
    const report = await verifyPack(tamperedZip);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ file: "decisions.csv", message: expect.stringContaining("SHA-256") });
    // The same through the command line an auditor runs: a verdict, the first problem, and the exit code.
    const cli = (zip: string) => spawnSync(process.execPath, ["scripts/rollcall.mjs", "evidence", "verify", zip], { encoding: "utf8" });
    const bad = cli(tamperedZip);
    expect(bad.status).toBe(1);
    expect(`${bad.stdout}${bad.stderr}`).toMatch(/decisions\.csv/);
    const good = cli(zipPath);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(`VERIFIED: pack ${manifest.pack_id}`);
  }, 60_000);

  it("names the missing event when one audit line is removed", async () => {
    const tampered = unzip(zipPath);
    const file = path.join(tampered, "audit-log.jsonl");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const removed = JSON.parse(lines[2]!) as { seq: number };
    lines.splice(2, 1);
    writeFileSync(file, `${lines.join("\n")}\n`);
    const report = await verifyPack(await rezip(tampered));
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ file: "audit-log.jsonl", message: `audit chain broken: event #${removed.seq} is missing (found #${removed.seq + 1} next)` });
  });

  it("detects a pack re-signed with another key when the expected fingerprint is given", async () => {
    const report = await verifyPack(zipPath, { expectedFingerprint: "0".repeat(64) });
    expect(report.ok).toBe(false);
    expect(report.problems[0]!.file).toBe("signing-key.pem");
  });

  it("keeps retired keys after rotation; the next pack is signed by the new key and chains to the previous pack", async () => {
    const before = manifest.signing_key.fingerprint_sha256;
    const rotated = await rotateSigningKey(world.admin);
    expect(rotated.fingerprint).not.toBe(before);
    const keys = await listSigningKeys(world.ws.id);
    expect(keys.map((k) => [k.fingerprint, Boolean(k.retiredAt)])).toEqual([[rotated.fingerprint, false], [before, true]]);
    const next = await buildPack(world.auditor, { campaignId: world.campaign.id });
    const nextDir = unzip(resolvePackPath(next.storagePath!));
    const nextManifest = JSON.parse(readFileSync(path.join(nextDir, "manifest.json"), "utf8")) as ManifestJson;
    expect(nextManifest.signing_key.fingerprint_sha256).toBe(rotated.fingerprint);
    expect(nextManifest.previous_pack).toMatchObject({ id: manifest.pack_id });
    expect((await verifyPack(zipPath)).ok).toBe(true);
    expect((await verifyPack(resolvePackPath(next.storagePath!))).ok).toBe(true);
  });

  it("refuses members, and refuses a campaign of another workspace", async () => {
    await expect(requestEvidencePack(world.member, { campaignId: world.campaign.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await seedClosedCampaign();
    await expect(requestEvidencePack(world.auditor, { campaignId: other.campaign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("control status in a pack reflects the campaign", () => {
  it("one undecided item → CC6.2 not met; a revoke executed but not verified → partially met", async () => {
    const undecided = await seedClosedCampaign({ leaveOneUndecided: true });
    const a = await buildPack(undecided.auditor, { campaignId: undecided.campaign.id });
    const rowsA = parse(execFileSync("unzip", ["-p", resolvePackPath(a.storagePath!), "controls.csv"]), { columns: true }) as Record<string, string>[];
    const cc62 = rowsA.find((r) => r.control_id === "CC6.2")!;
    expect(cc62.status).toBe("not met");
    expect(cc62.why).toBe(`1 of 5 in-scope items has no decision (e.g. ${undecided.items[4]!.id})`);

    const unverified = await seedClosedCampaign({ revokeVerified: false });
    const b = await buildPack(unverified.auditor, { campaignId: unverified.campaign.id });
    const rowsB = parse(execFileSync("unzip", ["-p", resolvePackPath(b.storagePath!), "controls.csv"]), { columns: true }) as Record<string, string>[];
    expect(rowsB.find((r) => r.control_id === "CC6.2")).toMatchObject({ status: "partially met", why: expect.stringMatching(/^1 of 1 revoke\/reduce decision not verified as carried out \(e\.g\. rem_[0-9a-f]+ \(EXECUTED\)\)$/) });
  });

  it("a revoke that cannot be verified but is explained (audited) → CC6.2 met, the explanation in remediation.csv", async () => {
    const world = await seedClosedCampaign({ revokeVerified: false });
    const task = await db.remediationTask.findFirstOrThrow({ where: { workspaceId: world.ws.id } });
    const cm = as({ ...world.cm, role: "COMPLIANCE_MANAGER" });
    const text = "Source is not synced any more; key deleted by hand in the console (OPS-77).";
    await explainRemediation(cm, { taskId: task.id, explanation: text });
    const audited = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: world.ws.id, action: "remediation.explained", subjectId: task.id } });
    expect(audited).toMatchObject({ actorId: world.cm.id, data: { explanation: text, status: "EXECUTED" } });
    const pack = await buildPack(world.auditor, { campaignId: world.campaign.id });
    const read = (name: string) => parse(execFileSync("unzip", ["-p", resolvePackPath(pack.storagePath!), name]), { columns: true }) as Record<string, string>[];
    expect(read("controls.csv").find((r) => r.control_id === "CC6.2")).toMatchObject({ status: "met", why: "all 5 in-scope items decided; 0 of 1 revoke/reduce decision remediated and verified, 1 explained" });
    expect(read("remediation.csv")).toEqual([expect.objectContaining({ task_id: task.id, status: "EXECUTED", verified_at_utc: "", explanation: text })]);
    expect((await verifyPack(resolvePackPath(pack.storagePath!))).ok).toBe(true);
  });

  it("an audit event altered in the database → the pack's audit-trail controls fail, naming the event; no spooled part is left behind", async () => {
    const world = await seedClosedCampaign();
    const decided = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: world.ws.id, action: "review.decided" }, orderBy: { seq: "desc" } });
    await db.$executeRaw`UPDATE "AuditEvent" SET data = '{"decision": "ATTEST", "note": "edited"}'::jsonb WHERE id = ${decided.id}`;
    const pack = await buildPack(world.auditor, { campaignId: world.campaign.id });
    const zip = resolvePackPath(pack.storagePath!);
    const controls = parse(execFileSync("unzip", ["-p", zip, "controls.csv"]), { columns: true }) as Record<string, string>[];
    const chained = controls.filter((r) => r.why?.startsWith("audit chain"));
    expect(chained.length).toBeGreaterThan(0);
    for (const row of chained) expect(row).toMatchObject({ status: "not met", why: `audit chain broken: event #${decided.seq} was altered after it was written (hash mismatch)` });
    // The log is still in the pack as the database holds it, so an auditor can see the edit.
    expect(execFileSync("unzip", ["-p", zip, "audit-log.jsonl"]).toString()).toContain('"note": "edited"');
    expect(readdirSync(path.dirname(zip)).filter((name) => name !== path.basename(zip))).toEqual([]);
  });

  it("builds a period pack over the campaigns closed in the range", async () => {
    const world = await seedClosedCampaign();
    const pack = await buildPack(world.auditor, { periodStart: new Date(Date.now() - DAY), periodEnd: new Date(Date.now() + DAY) });
    expect(pack).toMatchObject({ status: "READY", campaignId: null });
    const report = await verifyPack(resolvePackPath(pack.storagePath!));
    expect(report.ok).toBe(true);
    const m = JSON.parse(execFileSync("unzip", ["-p", resolvePackPath(pack.storagePath!), "manifest.json"]).toString()) as { scope: { campaign_ids: string[] } };
    expect(m.scope.campaign_ids).toEqual([world.campaign.id]);
  });
});
