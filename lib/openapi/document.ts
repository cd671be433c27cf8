import { z } from "zod";
import { createSourceInput, identityIdParams, pushIdentitiesInput, sourceIdParams, syncParams, uploadParams, uploadQuery } from "@/lib/inventory/schema";
import { patchUserBody, userIdParams } from "@/lib/ownership/schema";
import { ownerRuleIdParams, ownerRuleInput, ownerRulePatch } from "@/lib/owner-rules/schema";
import { ingestEventsQuery } from "@/lib/events/schema";
import { decideInput, listReviewsQuery, reviewItemIdParams } from "@/lib/reviews/schema";
import { campaignIdParams, closeCampaignInput, createCampaignInput } from "@/lib/campaigns/schema";
import { packIdParams, periodPackBody } from "@/lib/evidence/schema";

type Operation = { method: "get" | "post" | "put" | "patch" | "delete"; path: string; summary: string; permission: string | null; params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; rawBody?: string; response?: string };

/** Every REST operation, described from the same zod schemas the handlers parse with. */
const operations: Operation[] = [
  { method: "get", path: "/api/v1/health", summary: "Liveness and database reachability", permission: null },
  { method: "get", path: "/api/v1/openapi.json", summary: "This document", permission: null },
  { method: "get", path: "/api/v1/identities/{id}", summary: "One machine identity with credentials and entitlements", permission: "inventory:read", params: identityIdParams },
  { method: "get", path: "/api/v1/audit/verify", summary: "Verify the workspace's hash-chained audit log", permission: "audit:read" },
  // Inventory (issue 3)
  { method: "get", path: "/api/v1/sources", summary: "Sources with identity counts and their latest sync", permission: "inventory:read" },
  { method: "post", path: "/api/v1/sources", summary: "Create a source (names are unique per workspace)", permission: "inventory:write", body: createSourceInput },
  {
    method: "post", path: "/api/v1/sources/{id}/imports", permission: "inventory:write", params: sourceIdParams, query: uploadQuery,
    rawBody: "The inventory file as exported (rollcall-csv, rollcall-json, aws-credential-report, aws-authorization-details, k8s, github-pats; up to 512 MB). Answers the upload id, format, sha256 and a preview (first rows or every error: line, column, reason); with start=1 also the queued syncId.",
    summary: "Upload an inventory file (422 with every error when it cannot be parsed; nothing stored)",
  },
  { method: "post", path: "/api/v1/sources/{id}/imports/{uploadId}/start", summary: "Queue the import job for an uploaded file; answers the syncId to poll", permission: "inventory:write", params: uploadParams },
  { method: "get", path: "/api/v1/sources/{id}/syncs", summary: "A source's sync history: format, file sha256, counts seen/added/changed/removed, status", permission: "inventory:read", params: sourceIdParams },
  { method: "get", path: "/api/v1/sources/{id}/syncs/{syncId}", summary: "One sync: progress (rowsParsed, rowsApplied) while running, then counts or errors", permission: "inventory:read", params: syncParams },
  { method: "put", path: "/api/v1/sources/{id}/identities", summary: "Push up to 10,000 identities (mode upsert, or snapshot to remove the ones not sent); a bad batch is refused whole with 422", permission: "inventory:write", params: sourceIdParams, body: pushIdentitiesInput },
  { method: "patch", path: "/api/v1/users/{id}", summary: "Mark a person DEPARTED (their identities become orphans) or ACTIVE again", permission: "people:write", params: userIdParams, body: patchUserBody },
  { method: "get", path: "/api/v1/owner-rules", summary: "Ownership rules in evaluation order (first match wins), each with how many live identities it matches and owns now", permission: "inventory:read" },
  { method: "post", path: "/api/v1/owner-rules", summary: "Add an ownership rule (tried after the existing ones): source, kind, name/externalId glob, tag key[=value] → owner person and/or team", permission: "inventory:write", body: ownerRuleInput },
  { method: "patch", path: "/api/v1/owner-rules/{id}", summary: "Change any fields of a rule (merged, then checked whole) and/or move it with position (1 = first)", permission: "inventory:write", params: ownerRuleIdParams, body: ownerRulePatch },
  { method: "delete", path: "/api/v1/owner-rules/{id}", summary: "Delete a rule; identities it assigned keep their owner until another rule claims them", permission: "inventory:write", params: ownerRuleIdParams },
  { method: "post", path: "/api/v1/owner-rules/apply", summary: "Apply the enabled rules to the current inventory now (manual and source-provided owners are kept); answers the counts", permission: "inventory:write" },
  {
    method: "post", path: "/api/v1/events", permission: "events:write", query: ingestEventsQuery, rawBody: "A log file as exported: CloudTrail {\"Records\":[…]} or JSON lines, Kubernetes audit Event lines or EventList, GitHub org audit log array, Okta System Log array, Google Cloud LogEntry array or lines, or Rollcall JSON lines (up to 50 MB).",
    summary: "Ingest audit-log events (idempotent); answers accepted / duplicate / unmatched / unknown counts and findings opened",
  },
  // Reviews and campaigns (issue 5)
  { method: "get", path: "/api/v1/reviews", summary: "Open reviews: the caller's inbox (session) or every open item of the workspace (API key), most urgent first", permission: "reviews:read", query: listReviewsQuery },
  { method: "get", path: "/api/v1/reviews/{id}", summary: "One review item with its frozen snapshot, findings and decision", permission: "reviews:read", params: reviewItemIdParams },
  { method: "post", path: "/api/v1/reviews/decisions", summary: "Decide a review (same schema as web and Slack); 409 ALREADY_DECIDED if it was answered; only the assigned reviewer or a delegate may decide", permission: "reviews:decide", body: decideInput },
  { method: "get", path: "/api/v1/campaigns", summary: "Campaigns with progress counts", permission: "campaigns:read" },
  { method: "post", path: "/api/v1/campaigns", summary: "Create a scheduled campaign as a draft", permission: "campaigns:manage", body: createCampaignInput },
  { method: "get", path: "/api/v1/campaigns/{id}", summary: "Campaign progress, decision mix, remediation, per team and per reviewer figures, overdue items", permission: "campaigns:read", params: campaignIdParams },
  { method: "post", path: "/api/v1/campaigns/{id}/launch", summary: "Launch a draft: freeze the population (a job; poll launchDone/launchTotal)", permission: "campaigns:manage", params: campaignIdParams },
  { method: "post", path: "/api/v1/campaigns/{id}/close", summary: "Close with sign-off statement (a person's session only)", permission: "campaigns:manage", params: campaignIdParams, body: closeCampaignInput.pick({ statement: true }) },
  // Evidence packs (issue 7)
  { method: "post", path: "/api/v1/campaigns/{id}/evidence", summary: "Queue a signed evidence pack for the campaign (202 with the pack; one build per scope at a time)", permission: "evidence:generate", params: campaignIdParams },
  { method: "get", path: "/api/v1/campaigns/{id}/evidence", summary: "Download the campaign's newest ready evidence pack (application/zip; audited)", permission: "evidence:read", params: campaignIdParams, response: "application/zip" },
  { method: "get", path: "/api/v1/evidence", summary: "Evidence packs of the workspace, newest first", permission: "evidence:read" },
  { method: "post", path: "/api/v1/evidence", summary: "Queue a pack for a period: scheduled campaigns closed in it and continuous-review decisions made in it (202)", permission: "evidence:generate", body: periodPackBody },
  { method: "get", path: "/api/v1/evidence/{id}", summary: "A pack's status and progress; when READY its ZIP and manifest SHA-256 and signing-key fingerprint", permission: "evidence:read", params: packIdParams },
  { method: "get", path: "/api/v1/evidence/{id}/download", summary: "Download a ready pack (application/zip; audited). Verify it offline as its README.txt says", permission: "evidence:read", params: packIdParams, response: "application/zip" },
];

const errorSchema = {
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } }, errorId: { type: "string" } }, required: ["code", "message"] } },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const paramSchema = op.params ? (z.toJSONSchema(op.params) as { properties?: Record<string, object> }) : undefined;
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      security: op.permission ? [{ bearer: [] }] : [],
      "x-rollcall-permission": op.permission,
      parameters: [
        ...Object.entries(paramSchema?.properties ?? {}).map(([name, schema]) => ({ name, in: "path", required: true, schema })),
        ...(op.query ? Object.entries((z.toJSONSchema(op.query) as { properties?: Record<string, object> }).properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: true, schema })) : []),
      ],
      ...(op.rawBody ? { requestBody: { required: true, description: op.rawBody, content: { "application/json": { schema: {} }, "application/x-ndjson": { schema: { type: "string" } } } } } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(op.body, { io: "input", unrepresentable: "any" }) } } } } : {}),
      responses: {
        "200": { description: "OK" },
        "401": { description: "No valid session or API key", content: { "application/json": { schema: errorSchema } } },
        "403": { description: "Missing permission", content: { "application/json": { schema: errorSchema } } },
        "404": { description: "Not found in this workspace", content: { "application/json": { schema: errorSchema } } },
        "422": { description: "Invalid input; issues name each field", content: { "application/json": { schema: errorSchema } } },
        "429": {
          description: "Rate limit of this API key passed (ROLLCALL_API_RATE_LIMIT requests per minute); retry after Retry-After seconds",
          headers: { "Retry-After": { schema: { type: "integer" }, description: "seconds until the window resets" } },
          content: { "application/json": { schema: errorSchema } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Rollcall API", version: "1" },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "API key (rk_…) from Settings → API keys" } } },
    paths,
  };
}
