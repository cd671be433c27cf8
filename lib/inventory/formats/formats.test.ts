import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectFormat, formats } from "@/lib/inventory/formats/registry";
import type { FormatName } from "@/lib/inventory/schema";
import type { ParseResult, RowIssue } from "@/lib/inventory/formats/types";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "fixtures", name)));
const parse = (format: FormatName, bytes: Uint8Array) => formats[format].parse(bytes);
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r;
};
const summary = (r: ParseResult) => {
  const v = ok(r);
  return {
    identities: v.identities.map((i) => i.externalId).sort(),
    credentials: v.identities.flatMap((i) => i.credentials.map((c) => `${c.externalId}:${c.status}`)).sort(),
    entitlements: v.identities.flatMap((i) => i.entitlements.map((e) => `${i.name} ${e.name}@${e.resource}${e.privileged ? " privileged" : ""}${e.canMint ? " can-mint" : ""}`)).sort(),
  };
};

describe("each fixture parses to exactly the identities, credentials and entitlements it describes", () => {
  it.each<[FormatName, string, { identities: number; credentials: number; entitlements: number; privileged: string[] }]>([
    ["rollcall-csv", "rollcall.csv", { identities: 4, credentials: 3, entitlements: 5, privileged: ["ci-bot AdministratorAccess@* privileged can-mint", "ci-bot sts:AssumeRole@* privileged can-mint"] }],
    ["rollcall-csv", "rollcall-bom-crlf.csv", { identities: 2, credentials: 1, entitlements: 1, privileged: [] }],
    ["rollcall-json", "rollcall.json", { identities: 3, credentials: 2, entitlements: 3, privileged: ["grafana-cloud admin:org@github.com/acme privileged can-mint"] }],
    ["aws-credential-report", "aws-credential-report.csv", { identities: 5, credentials: 5, entitlements: 0, privileged: [] }],
    ["aws-authorization-details", "aws-authorization-details.json", { identities: 8, credentials: 0, entitlements: 7, privileged: [
      "OrganizationAccountAccessRole AdministratorAccess@* privileged can-mint",
      "ci-deployer key-minter@arn:aws:iam::123456789012:user/* privileged can-mint",
      "cross-account-assumer inline:assume-anything@* privileged can-mint",
    ] }],
    ["k8s", "k8s.json", { identities: 3, credentials: 1, entitlements: 4, privileged: ["ci/deployer ClusterRole/cluster-admin@cluster privileged can-mint"] }],
    ["github-pats", "github-pats.json", { identities: 3, credentials: 3, entitlements: 7, privileged: [
      "org-automation organization.administration:write@organization privileged",
      "org-automation organization.organization_personal_access_token_requests:write@organization privileged can-mint",
      "org-automation repository.administration:write@selected repositories privileged can-mint",
    ] }],
  ])("%s %s", (format, file, expected) => {
    const s = summary(parse(format, fixture(file)));
    expect(s.identities).toHaveLength(expected.identities);
    expect(s.credentials).toHaveLength(expected.credentials);
    expect(s.entitlements).toHaveLength(expected.entitlements);
    expect(s.entitlements.filter((e) => e.includes("privileged"))).toEqual(expected.privileged);
  });
});

describe("each malformed file is refused with every problem located", () => {
  const issue = (line: number | null, column: string | null, reason: string) => ({ line, column, reason: expect.stringContaining(reason) as unknown as string });
  it.each<[FormatName, string, RowIssue[]]>([
    ["rollcall-csv", "rollcall-missing-kind.csv", [issue(1, "kind", "required column is missing")]],
    ["rollcall-csv", "rollcall-bad.csv", [
      issue(2, "kind", '"robot" is not a kind'),
      issue(3, "last_used_at", '"yesterday" is not an ISO 8601 date'),
      issue(4, null, "expected 7 fields as in the header, found 3"),
      issue(5, "name", "required value is empty"),
      issue(6, "name", '"renamed" differs from line 2'),
      issue(7, "credential_id", "required when credential_kind is given"),
    ]],
    ["rollcall-json", "rollcall-truncated.json", [issue(6, "character 1", "not valid JSON")]],
    ["rollcall-json", "rollcall-bad.json", [
      issue(4, "identities[0].kind", '"robot" is not allowed'),
      issue(5, "identities[1].lastUsedAt", '"2024-99-01" is not a real date'),
      issue(6, "identities[2].name", "required value is missing"),
      issue(8, "identities[4].owner.email", "Invalid email"),
    ]],
    ["aws-credential-report", "aws-credential-report-missing-columns.csv", [
      issue(1, "access_key_2_active", "required column is missing"),
      issue(1, "access_key_2_last_rotated", "required column is missing"),
      issue(1, "access_key_2_last_used_date", "required column is missing"),
    ]],
    ["aws-credential-report", "aws-credential-report-bad.csv", [
      issue(2, "access_key_1_active", '"maybe" is not true or false'),
      issue(3, "access_key_1_last_rotated", "is not a real date"),
      issue(4, null, "expected 22 fields as in the header, found 4"),
      issue(5, "arn", '"not-an-arn" is not an IAM user ARN'),
    ]],
    ["aws-authorization-details", "aws-authorization-details-bad.json", [
      issue(3, "UserDetailList[0].Arn", "required value is missing"),
      issue(10, "UserDetailList[1].CreateDate", '"last tuesday" is not an ISO 8601 date'),
      issue(19, "UserDetailList[2].UserPolicyList[0].PolicyDocument", "not valid JSON"),
      issue(24, "RoleDetailList", "expected a list"),
    ]],
    ["k8s", "k8s-bad.json", [
      issue(8, "items[0].metadata.namespace", "needs its namespace"),
      issue(15, "items[1].metadata.name", "needs metadata.name"),
      issue(19, "items[2].roleRef", "needs roleRef.kind and roleRef.name"),
      issue(33, "items[3].metadata.creationTimestamp", '"yesterday" is not an ISO 8601 date'),
    ]],
    ["github-pats", "github-pats-bad.json", [
      issue(3, "[0].id", "id must be a number"),
      issue(19, "[1].owner.login", "required value is missing"),
      issue(22, "[1].repository_selection", '"everything" is not none, all or subset'),
      issue(25, "[1].permissions.repository.contents", "access level must be a string"),
      issue(29, "[1].token_expired", "must be true or false"),
      issue(30, "[1].token_expires_at", '"soon" is not an ISO 8601 date'),
    ]],
  ])("%s %s", (format, file, expected) => {
    const result = parse(format, fixture(file));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual(expected);
  });
});

describe("nasty but valid inputs", () => {
  it("reads a BOM, CRLF line ends, quoted commas and a quoted line break, and N/A dates", () => {
    const r = ok(parse("rollcall-csv", fixture("rollcall-bom-crlf.csv")));
    const quoted = r.identities.find((i) => i.externalId === "svc:quoted")!;
    expect(quoted).toMatchObject({ line: 2, name: "Quoted, Name", purpose: "Line one\r\nline two, with a comma", lastUsedAt: null });
    expect(quoted.entitlements[0]).toMatchObject({ name: "s3:GetObject", resource: "arn:aws:s3:::a,b/*" });
    expect(quoted.credentials[0]!.createdAt).toEqual(new Date("2024-03-01T00:00:00Z"));
    // the record after a two-line record starts on line 4
    expect(r.identities.find((i) => i.externalId === "svc:plain")!.line).toBe(4);
    expect(r.warnings).toEqual([{ line: 1, column: "notes", reason: "unknown column, ignored" }]);
  });

  it("reads the AWS report with a BOM and CRLF, and as the CLI's base64 JSON answer", () => {
    const csv = readFileSync(path.join(import.meta.dirname, "fixtures", "aws-credential-report.csv"), "utf8");
    const crlf = new TextEncoder().encode(`\uFEFF${csv.replaceAll("\n", "\r\n")}`);
    const cli = new TextEncoder().encode(JSON.stringify({ Content: Buffer.from(csv).toString("base64"), ReportFormat: "text/csv", GeneratedTime: "2024-11-22T10:00:00+00:00" }));
    const expected = summary(parse("aws-credential-report", fixture("aws-credential-report.csv")));
    expect(summary(parse("aws-credential-report", crlf))).toEqual(expected);
    expect(summary(parse("aws-credential-report", cli))).toEqual(expected);
  });

  it("treats people (console password) and the root user as out of scope but keeps them from removal", () => {
    const r = ok(parse("aws-credential-report", fixture("aws-credential-report.csv")));
    expect(r.coverage.retain).toEqual(["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/alice.admin"]);
    const legacy = r.identities.find((i) => i.name === "legacy-reporter")!;
    expect(legacy).toMatchObject({ status: "DISABLED", lastUsedAt: new Date("2019-05-01T00:00:00Z") });
    expect(r.identities.find((i) => i.name === "backup-agent")!.lastUsedAt).toBeNull();
  });

  it("parses a generated 10 MB rollcall CSV, and pinpoints the one bad row at its end", () => {
    const header = "external_id,name,kind,environment,credential_id,credential_created_at,entitlement,entitlement_resource";
    const lines = [header];
    let size = header.length;
    let i = 0;
    while (size <= 10 * 1024 * 1024) {
      const line = `svc:gen-${i},"generated, number ${i}",service_account,prod,key-${i},2024-01-01T00:00:00Z,s3:GetObject,arn:aws:s3:::bucket-${i % 100}/*`;
      lines.push(line);
      size += line.length + 2;
      i++;
    }
    const good = new TextEncoder().encode(lines.join("\r\n"));
    expect(good.length).toBeGreaterThan(10 * 1024 * 1024);
    const started = performance.now();
    const r = ok(parse("rollcall-csv", good));
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(r.identities).toHaveLength(i);
    const bad = new TextEncoder().encode(`${lines.join("\r\n")}\r\nsvc:last,last,service_account,prod,key-x,2024-02-30,s3:GetObject,*`);
    const refused = parse("rollcall-csv", bad);
    expect(refused.ok ? [] : refused.errors).toEqual([{ line: i + 2, column: "credential_created_at", reason: '"2024-02-30" is not a real date' }]);
  }, 60_000);
});

describe("format detection", () => {
  it.each<[string, FormatName]>([
    ["rollcall.csv", "rollcall-csv"],
    ["rollcall-bom-crlf.csv", "rollcall-csv"],
    ["rollcall.json", "rollcall-json"],
    ["aws-credential-report.csv", "aws-credential-report"],
    ["aws-authorization-details.json", "aws-authorization-details"],
    ["k8s.json", "k8s"],
    ["github-pats.json", "github-pats"],
  ])("%s is %s", (file, format) => {
    expect(detectFormat(fixture(file))).toBe(format);
  });
});
