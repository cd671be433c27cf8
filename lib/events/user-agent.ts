import { boundedMemo } from "@/lib/events/bounded-memo";

/**
 * The client family behind a user agent, without versions, so "Boto3/1.34.2 …" and "Boto3/1.35.0 …" are
 * one family and a first-ever "curl" stands out. Browsers and the AWS console count as human use.
 */
const FAMILIES: [RegExp, string][] = [
  [/\bTerraform\//i, "Terraform"],
  [/\bPulumi\b/i, "Pulumi"],
  [/\bBoto3\//i, "Boto3"],
  [/\bBotocore\//i, "Botocore"],
  [/\baws-cli\//i, "aws-cli"],
  [/\baws-sdk-go-v2\//i, "aws-sdk-go-v2"],
  [/\baws-sdk-go\//i, "aws-sdk-go"],
  [/\baws-sdk-java\//i, "aws-sdk-java"],
  [/\baws-sdk-(js|nodejs)\//i, "aws-sdk-js"],
  [/\baws-sdk-rust\//i, "aws-sdk-rust"],
  [/^(console|signin)\.amazonaws\.com$/i, "AWS console"],
  [/^[a-z0-9-]+\.amazonaws\.com$/i, "AWS service"],
  [/\bgoogle-cloud-sdk\b|\bgcloud\//i, "gcloud"],
  [/\bkubectl\//i, "kubectl"],
  [/\bkubelet\//i, "kubelet"],
  [/\bhelm\//i, "helm"],
  [/\bpython-requests\//i, "python-requests"],
  [/^curl\//i, "curl"],
  [/^Wget\//i, "wget"],
  [/^git\//i, "git"],
  [/\bGo-http-client\//i, "Go-http-client"],
  [/\bgrpc-go\//i, "grpc-go"],
  [/\bokhttp\//i, "okhttp"],
  [/\bPowerShell\//i, "PowerShell"],
  [/\bPostmanRuntime\//i, "Postman"],
];

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bFirefox\//, "Firefox"],
  [/\bChrome\//, "Chrome"],
  [/\bSafari\//, "Safari"],
];

export type UserAgentFamily = { family: string; browser: boolean };

/** Memoized: logs repeat the same few user agents millions of times. */
export function userAgentFamily(userAgent: string | null | undefined): UserAgentFamily | null {
  return userAgent ? familyMemo(userAgent) : null;
}

function familyOf(userAgent: string): UserAgentFamily | null {
  const ua = userAgent.trim();
  if (!ua) return null;
  if (/^Mozilla\/5\.0/.test(ua)) {
    const browser = BROWSERS.find(([re]) => re.test(ua));
    return { family: `browser (${browser?.[1] ?? "other"})`, browser: true };
  }
  for (const [re, family] of FAMILIES) if (re.test(ua)) return { family, browser: family === "AWS console" };
  const first = /^[A-Za-z][A-Za-z0-9._-]*/.exec(ua)?.[0];
  return { family: (first ?? ua.slice(0, 40)).toLowerCase(), browser: false };
}

const familyMemo = boundedMemo(5000, familyOf);
