import { createHash } from "node:crypto";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import packageJson from "@/package.json";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { GENESIS_HASH, checkLinks } from "@/lib/audit/chain";
import { workspacePolicy } from "@/lib/workspaces/policy";
import { workspaceSigner } from "@/lib/signing/queries";
import { PackReader } from "@/lib/evidence/reader";
import type { PackScope } from "@/lib/evidence/scope";
import { loadCampaigns, loadFacts, type CampaignRow } from "@/lib/evidence/facts";
import { spool } from "@/lib/evidence/spool";
import { extractionJson, loadPopulation, populationFacts, reconciliationRows } from "@/lib/evidence/population";
import { auditJsonl, auditRange, decisionsCsv, exceptionsCsv, findingsStream, remediationCsv, reviewerMetricsStream, snapshotCsv, type AuditLine } from "@/lib/evidence/streams";
import {
  CONTROLS_HEADER, DECISIONS_HEADER, EXCEPTIONS_HEADER, FINDINGS_HEADER, RECONCILIATION_HEADER, REMEDIATION_HEADER, REVIEWER_METRICS_HEADER, SNAPSHOT_HEADER, cells,
} from "@/lib/evidence/normalize";
import { copiedCsvChunks, csvChunks, type Counter } from "@/lib/evidence/csv-file";
import { frameworksCovered, packControls, catalogVersion } from "@/lib/evidence/catalog";
import { evaluateControls, type ControlFacts } from "@/lib/evidence/rules";
import { renderSummaryPdf } from "@/lib/evidence/summary-pdf";
import { FILE_DESCRIPTIONS, readmeText } from "@/lib/evidence/readme";
import { MANIFEST_FORMAT, manifestBytes, type Manifest, type ManifestFile } from "@/lib/evidence/manifest";
import { ZipWriter } from "@/lib/evidence/zip-writer";
import { dataDir, packStoragePath } from "@/lib/evidence/storage";

export type BuiltPack = {
  storagePath: string; sha256: string; bytes: number; manifestSha256: string; signature: string; signingKeyId: string;
  previousPackId: string | null; periodStart: Date | null; periodEnd: Date | null; items: number;
};

const STEPS = 16;

const LF = 0x0a;

/**
 * The audit log as PostgreSQL wrote it (JSON Lines), passed through byte for byte while each line is
 * parsed and checked link by link in batches; the verdict lands in `facts.auditChain`.
 */
async function* auditLines(chunks: AsyncIterable<Buffer>, facts: ControlFacts, counter: Counter, ends: { prevHash: string | null; headHash: string | null }): AsyncGenerator<Buffer> {
  let cursor: { seq: number; hash: string } | null = null;
  let rest: Buffer | null = null;
  let batch: AuditLine[] = [];
  const check = () => {
    if (!batch.length) return;
    if (!cursor) {
      ends.prevHash = batch[0]!.prevHash;
      cursor = { seq: batch[0]!.seq - 1, hash: batch[0]!.prevHash };
      if (batch[0]!.seq === 1 && batch[0]!.prevHash !== GENESIS_HASH) facts.auditChain = { ...facts.auditChain, ok: false, broken: "event #1 does not start from the genesis hash" };
    }
    if (facts.auditChain.ok) {
      const result = checkLinks(batch.map((l) => ({ ...l, at: new Date(l.at) })), cursor);
      if ("broken" in result) facts.auditChain = { ...facts.auditChain, ok: false, broken: result.broken.reason };
      else cursor = result.next;
    }
    counter.rows += batch.length;
    ends.headHash = batch.at(-1)!.hash;
    batch = [];
  };
  for await (const chunk of chunks) {
    yield chunk;
    // Lines are split on bytes (a multi-byte character never straddles a line feed).
    const text: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let from = 0;
    for (let lf = text.indexOf(LF, from); lf >= 0; lf = text.indexOf(LF, from)) {
      batch.push(JSON.parse(text.toString("utf8", from, lf)) as AuditLine);
      from = lf + 1;
    }
    rest = from < text.length ? text.subarray(from) : null;
    if (batch.length >= 5000) check();
  }
  if (rest?.length) batch.push(JSON.parse(rest.toString("utf8")) as AuditLine);
  check();
}

type SpooledFile = { chunks: () => AsyncIterable<Buffer>; counter: Counter };

/**
 * The pack's work that does not have to wait for its turn in the ZIP, on the second connection: the
 * facts and population figures, and the files after the snapshot and decisions, spooled to disk in
 * ZIP order.
 */
async function readAhead(r: PackReader, scope: PackScope, dir: string, opts: { generatedAt: string; exceptionMaxDays: number; campaigns: CampaignRow[]; campaignCreatedAt: string | null }) {
  const { facts, figures, sourceCounts } = await loadFacts(r, scope, opts);
  const pairs = await loadPopulation(r, scope, opts.campaigns, sourceCounts);
  facts.population = populationFacts(pairs);
  const range = await auditRange(r, scope, opts.campaignCreatedAt);
  facts.auditChain = { ok: true, events: 0, firstSeq: range?.first ?? null, headSeq: range?.head ?? null };
  const spooled = new Map<string, SpooledFile>();
  const put = async (filePath: string, chunks: (counter: Counter) => AsyncIterable<string | Buffer>) => {
    const counter: Counter = { rows: 0 };
    spooled.set(filePath, { chunks: await spool(chunks(counter), path.join(dir, `${spooled.size}.part`)), counter });
    return counter;
  };
  await put("remediation.csv", (c) => copiedCsvChunks(REMEDIATION_HEADER, remediationCsv(r, scope, opts.generatedAt), c));
  await put("exceptions.csv", (c) => copiedCsvChunks(EXCEPTIONS_HEADER, exceptionsCsv(r, scope, opts.exceptionMaxDays, opts.generatedAt), c));
  await put("findings.csv", (c) => csvChunks(FINDINGS_HEADER, findingsStream(r, scope), c));
  await put("reviewer-metrics.csv", (c) => csvChunks(REVIEWER_METRICS_HEADER, reviewerMetricsStream(r, scope), c));
  // The audit log as PostgreSQL formats it, its chain checked link by link on the way to disk.
  const ends = { prevHash: null as string | null, headHash: null as string | null };
  const audit = await put("audit-log.jsonl", (c) => (range ? auditLines(auditJsonl(r, scope.workspaceId, range), facts, c, ends) : noChunks()));
  facts.auditChain.events = audit.rows;
  return { facts, figures, pairs, range, spooled, ends };
}

async function* noChunks(): AsyncGenerator<Buffer> {}

/**
 * Builds one evidence pack: reads the scope in one consistent snapshot, streams every file into a ZIP
 * on disk, then writes the manifest (sha256, bytes, records per file) and its Ed25519 signature.
 */
export async function buildEvidencePack(packId: string, onProgress: (percent: number) => Promise<void> = async () => {}): Promise<BuiltPack> {
  const pack = await db.evidencePack.findUniqueOrThrow({ where: { id: packId } });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: pack.workspaceId }, select: { id: true, name: true, slug: true, policy: true } });
  const scope: PackScope = pack.campaignId
    ? { kind: "campaign", workspaceId: pack.workspaceId, campaignId: pack.campaignId }
    : { kind: "period", workspaceId: pack.workspaceId, start: pack.periodStart!, end: pack.periodEnd! };
  const signer = await workspaceSigner(pack.workspaceId);
  const previous = await db.evidencePack.findFirst({ where: { workspaceId: pack.workspaceId, status: "READY", id: { not: packId } }, orderBy: { readyAt: "desc" }, select: { id: true, manifestSha256: true } });
  const policy = workspacePolicy.safeParse(workspace.policy).data ?? workspacePolicy.parse({});
  const generatedAt = new Date().toISOString();

  const storagePath = packStoragePath(pack.workspaceId, packId);
  const finalPath = path.join(dataDir(), storagePath);
  mkdirSync(path.dirname(finalPath), { recursive: true });
  const tmpPath = `${finalPath}.${process.pid}.tmp`;
  const reader = await PackReader.open();
  let side: PackReader | null = null;
  const spoolDir = `${finalPath}.${process.pid}.parts`;
  const zip = new ZipWriter(tmpPath, new Date(generatedAt));
  let step = 0;
  const advance = () => onProgress(Math.min(99, Math.round((++step / STEPS) * 100)));
  try {
    const campaigns = await loadCampaigns(reader, scope);
    if (scope.kind === "campaign" && campaigns.length === 0) throw notFound("Campaign");
    const campaign = scope.kind === "campaign" ? campaigns[0]! : null;
    const periodStart = scope.kind === "period" ? scope.start.toISOString() : campaign!.launchedAt;
    const periodEnd = scope.kind === "period" ? scope.end.toISOString() : campaign!.closedAt ?? generatedAt;
    const scopeLine = campaign ? `Campaign "${campaign.name}" (${campaign.id}, ${campaign.kind.toLowerCase()}, ${campaign.status.toLowerCase()})` : `Period ${periodStart!.slice(0, 10)} to ${periodEnd!.slice(0, 10)}: ${campaigns.length} campaign(s)`;

    // Two connections on one snapshot: while this one streams the two largest files (population
    // snapshot, decisions) into the ZIP, the other computes the facts and spools the rest to disk.
    side = await reader.fork();
    mkdirSync(spoolDir, { recursive: true });
    const ahead = readAhead(side, scope, spoolDir, { generatedAt, exceptionMaxDays: policy.exceptionMaxDays, campaigns, campaignCreatedAt: campaign?.createdAt ?? null });
    ahead.catch(() => undefined); // observed below; a failure on the main connection must not leave it unhandled

    const files: ManifestFile[] = [];
    const add = async (filePath: string, source: Parameters<ZipWriter["add"]>[1], records: () => number | null) => {
      const written = await zip.add(filePath, source);
      files.push({ path: filePath, sha256: written.sha256, bytes: written.bytes, record_count: records(), description: FILE_DESCRIPTIONS[filePath] ?? "" });
      await advance();
    };
    const copied = async (filePath: string, header: string[], chunks: AsyncIterable<Buffer>) => {
      const counter: Counter = { rows: 0 };
      await add(filePath, copiedCsvChunks(header, chunks, counter), () => counter.rows);
    };
    const csv = async (filePath: string, header: string[], rows: string[][]) => {
      const counter: Counter = { rows: 0 };
      await add(filePath, csvChunks(header, [rows], counter), () => counter.rows);
    };

    await add("README.txt", readmeText({ packId, workspaceName: workspace.name, scopeLine, generatedAt, fingerprint: signer.fingerprint, keyId: signer.keyId, previousPackId: previous?.id ?? null }), () => null);
    await add("policy.json", `${JSON.stringify({ captured_at_utc: generatedAt, note: "The workspace review policy in force when this pack was generated.", policy }, null, 2)}\n`, () => null);
    await copied("population/snapshot.csv", SNAPSHOT_HEADER, snapshotCsv(reader, scope));
    await copied("decisions.csv", DECISIONS_HEADER, decisionsCsv(reader, scope));

    const { facts, figures, pairs, range, spooled, ends } = await ahead;
    const extraction = extractionJson(pairs, generatedAt);
    await add("population/extraction.json", `${JSON.stringify(extraction, null, 2)}\n`, () => extraction.sources.length);
    await csv("population/reconciliation.csv", RECONCILIATION_HEADER, reconciliationRows(pairs, generatedAt));
    for (const [filePath, file] of spooled) await add(filePath, file.chunks(), () => file.counter.rows);

    const controls = evaluateControls(packControls(), facts);
    const fileRows = new Map(files.map((f) => [f.path, f.record_count]));
    const evidenceFiles = (paths: string[]) => paths.map((f) => (fileRows.get(f) == null ? f : `${f} (${fileRows.get(f)} rows)`)).join("; ");
    await csv("controls.csv", CONTROLS_HEADER, controls.map((c) => cells([c.framework, c.id, c.title, c.relevance, c.status, c.why, evidenceFiles(c.files)])));
    const pdf = await renderSummaryPdf({ packId, workspaceName: workspace.name, scopeLine, generatedAt, periodStart, periodEnd, policy, campaigns, facts, figures, controls, fingerprint: signer.fingerprint });
    await add("summary.pdf", pdf, () => null);
    await add("signing-key.pem", signer.publicKeyPem, () => null);
    await add("SHA256SUMS", files.map((f) => `${f.sha256}  ${f.path}\n`).join(""), () => files.length);

    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      pack_id: packId,
      workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug },
      scope: { kind: scope.kind, campaign_id: campaign?.id ?? null, campaign_ids: campaigns.map((c) => c.id) },
      audit_period_start: periodStart,
      audit_period_end: periodEnd,
      generated_at_utc: generatedAt,
      time_source: "system clock of the Rollcall worker host, UTC; database timestamps are UTC",
      generator: { name: "rollcall", version: packageJson.version },
      frameworks: frameworksCovered().map((fw) => ({ ...fw, controls: controls.filter((c) => c.frameworkId === fw.id && c.status !== "not evidenced").map((c) => c.id) })),
      control_catalog: { schema_version: catalogVersion().schemaVersion, generated_at: catalogVersion().generatedAt },
      files,
      audit_chain: { first_seq: range?.first ?? null, head_seq: range?.head ?? null, head_hash: ends.headHash, anchor_prev_hash: ends.prevHash, events: facts.auditChain.events },
      previous_pack: previous ? { id: previous.id, manifest_sha256: previous.manifestSha256 } : null,
      signing_key: { id: signer.keyId, algorithm: "Ed25519", fingerprint_sha256: signer.fingerprint, public_key_file: "signing-key.pem" },
      signature_file: "manifest.sig",
    };
    const bytes = manifestBytes(manifest);
    const signature = signer.sign(bytes);
    await zip.add("manifest.json", bytes);
    await zip.add("manifest.sig", signature);
    const written = await zip.finish();
    renameSync(tmpPath, finalPath);
    return {
      storagePath, sha256: written.sha256, bytes: written.bytes, manifestSha256: createHash("sha256").update(bytes).digest("hex"), signature: signature.toString("base64"),
      signingKeyId: signer.keyId, previousPackId: previous?.id ?? null, periodStart: periodStart ? new Date(periodStart) : null, periodEnd: periodEnd ? new Date(periodEnd) : null,
      items: facts.items.total,
    };
  } catch (error) {
    zip.abort();
    rmSync(tmpPath, { force: true });
    throw error;
  } finally {
    await side?.close().catch(() => undefined);
    rmSync(spoolDir, { recursive: true, force: true });
    await reader.close();
  }
}
