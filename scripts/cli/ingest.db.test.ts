// `rollcall ingest FILE` straight into the database: the file parsed on the worker thread, chunks
// stored and evaluated, the report printed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { cloudTrailRecord } from "@/lib/events/cloudtrail-builder";
import { ingestCommand } from "@/scripts/cli/ingest";
import { createIdentity, createSource, createUser, createWorkspace } from "@/prisma/factories";

const DAY = 86_400_000;
const ARN = "arn:aws:iam::111122223333:user/nightly-export";
const KEY = "AKIAIOSFODNN7NIGHTLY";
const dir = mkdtempSync(path.join(tmpdir(), "rollcall-ingest-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe("rollcall ingest --format cloudtrail FILE", () => {
  it("ingests a JSON-lines file in small chunks, names the unreadable line and opens the finding", async () => {
    const ws = await createWorkspace(db);
    const owner = await createUser(db, ws.id, { name: "Nina Night" });
    const source = await createSource(db, ws.id, { name: "aws", kind: "AWS" });
    const identity = await createIdentity(db, ws.id, { sourceId: source.id, name: "nightly-export", externalId: ARN, ownerId: owner.id, credentials: [{ kind: "ACCESS_KEY", externalId: KEY }] });
    const end = Date.now() - DAY;
    const lines: string[] = [];
    for (let d = 30; d >= 1; d--) for (let i = 0; i < 10; i++) lines.push(JSON.stringify(cloudTrailRecord({ at: new Date(end - d * DAY + i * 60_000), arn: ARN, accessKeyId: KEY })));
    lines.splice(2, 0, "{truncated");
    lines.push(JSON.stringify(cloudTrailRecord({ at: new Date(Date.now() - 60_000), arn: ARN, accessKeyId: KEY, region: "sa-east-1" })));
    const file = path.join(dir, "trail.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n`);

    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((text: string) => void printed.push(text));
    expect(await ingestCommand(["--format", "cloudtrail", file, "--workspace", ws.slug, "--batch", "40", "--json"])).toBe(0);
    const report = JSON.parse(printed.join("\n")) as Record<string, unknown>;
    expect(report).toMatchObject({ records: 302, accepted: 301, unknown: 1, unmatched: 0, findingsOpened: 1, reviewItemsOpened: 1 });
    expect(report.unknownSamples).toEqual([{ at: "line 3", reason: expect.stringMatching(/^not JSON/) }]);
    expect(await db.activityEvent.count({ where: { workspaceId: ws.id, identityId: identity.id } })).toBe(301);
    expect(await db.finding.findMany({ where: { workspaceId: ws.id }, select: { kind: true } })).toEqual([{ kind: "NEW_REGION" }]);
  });
});
