import type { SourceKind } from "@/prisma/generated/enums";
import type { FormatName } from "@/lib/inventory/schema";
import type { ParseResult } from "@/lib/inventory/formats/types";
import { parseRollcallCsv } from "@/lib/inventory/formats/rollcall-csv";
import { parseRollcallJson } from "@/lib/inventory/formats/rollcall-json";
import { parseAwsCredentialReport } from "@/lib/inventory/formats/aws-credential-report";
import { parseAwsAuthorizationDetails } from "@/lib/inventory/formats/aws-authorization-details";
import { parseK8s } from "@/lib/inventory/formats/k8s";
import { parseGithubPats } from "@/lib/inventory/formats/github-pats";

export type FormatInfo = { name: FormatName; label: string; sourceKind: SourceKind; produce: string; parse: (bytes: Uint8Array) => ParseResult };

export const formats: Record<FormatName, FormatInfo> = {
  "rollcall-csv": { name: "rollcall-csv", label: "Rollcall CSV", sourceKind: "GENERIC", produce: "Export any inventory with our documented columns", parse: parseRollcallCsv },
  "rollcall-json": { name: "rollcall-json", label: "Rollcall JSON", sourceKind: "GENERIC", produce: 'A file of {"identities": [...]} as the push API takes them', parse: parseRollcallJson },
  "aws-credential-report": { name: "aws-credential-report", label: "AWS IAM credential report", sourceKind: "AWS", produce: "aws iam generate-credential-report && aws iam get-credential-report --query Content --output text | base64 -d", parse: parseAwsCredentialReport },
  "aws-authorization-details": { name: "aws-authorization-details", label: "AWS IAM authorization details", sourceKind: "AWS", produce: "aws iam get-account-authorization-details --output json", parse: parseAwsAuthorizationDetails },
  k8s: { name: "k8s", label: "Kubernetes service accounts and bindings", sourceKind: "KUBERNETES", produce: "kubectl get serviceaccounts,rolebindings,clusterrolebindings,roles,clusterroles -A -o json", parse: parseK8s },
  "github-pats": { name: "github-pats", label: "GitHub fine-grained tokens", sourceKind: "GITHUB", produce: "gh api --paginate --slurp /orgs/ORG/personal-access-tokens", parse: parseGithubPats },
};

/** Guesses the format from the first bytes, so the upload dialog can preselect it. */
export function detectFormat(bytes: Uint8Array): FormatName | null {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("user,arn,") || /"ReportFormat"\s*:\s*"text\/csv"/.test(head)) return "aws-credential-report";
  if (/"(UserDetailList|RoleDetailList|GroupDetailList)"/.test(head)) return "aws-authorization-details";
  if (/"kind"\s*:\s*"(List|ServiceAccount)"/.test(head) && /"items"|"apiVersion"/.test(head)) return "k8s";
  if (/"repository_selection"|"token_expired"|"access_granted_at"/.test(head)) return "github-pats";
  if (/"identities"\s*:/.test(head) || (head.startsWith("[") && /"externalId"/.test(head))) return "rollcall-json";
  if (/^external_id,|^[a-z_,]*\bexternal_id\b/.test(head.split(/\r?\n/)[0] ?? "")) return "rollcall-csv";
  return null;
}

export function parseFile(format: FormatName, bytes: Uint8Array): ParseResult {
  return formats[format].parse(bytes);
}
