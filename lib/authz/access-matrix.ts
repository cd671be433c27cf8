// The checked-in answer to "who may use which door". Every page, route method and server action the file
// tree has must be listed here (lib/authz/access-matrix.test.ts fails on an unlisted one), and
// e2e/access-matrix.spec.ts checks each row against the running app for every demo role, anonymous
// visitors, API keys and a foreign workspace's ids.
import type { Role } from "@/prisma/generated/enums";
import type { Permission } from "@/lib/authz/permissions";

export type Who = Role | "anonymous";
export const roles = ["ADMIN", "COMPLIANCE_MANAGER", "MEMBER", "AUDITOR"] as const satisfies readonly Role[];
export const everyone = [...roles, "anonymous"] as const satisfies readonly Who[];

export type AccessRule = {
  /** what the code checks: a permission, any signed-in person, or nobody (public; guarded some other way) */
  guard: Permission | "signed-in" | "public";
  /** who gets in (pages: 200 or a redirect onward; routes and actions: past 401/403) */
  allow: readonly Who[];
  /** why a public door is safe, or what else narrows it */
  note?: string;
  /** actions/routes that change something even without valid input: the e2e matrix exercises only refusals */
  mutatesWithoutInput?: true;
};

const ADMIN = ["ADMIN"] as const;
const MANAGERS = ["ADMIN", "COMPLIANCE_MANAGER"] as const;
const READERS_OF_CAMPAIGNS = ["ADMIN", "COMPLIANCE_MANAGER", "AUDITOR"] as const;
const REVIEWERS = ["ADMIN", "COMPLIANCE_MANAGER", "MEMBER"] as const;
const SIGNED_IN = roles;
const PUBLIC = everyone;

const rule = (guard: AccessRule["guard"], allow: readonly Who[], extra: Partial<AccessRule> = {}): AccessRule => ({ guard, allow, ...extra });

export const accessMatrix: Record<string, AccessRule> = {
  // ── pages ──
  "PAGE /": rule("signed-in", SIGNED_IN, { note: "redirects each role to its home" }),
  "PAGE /audit": rule("audit:read", READERS_OF_CAMPAIGNS),
  "PAGE /campaigns": rule("campaigns:read", READERS_OF_CAMPAIGNS),
  "PAGE /campaigns/[id]": rule("campaigns:read", READERS_OF_CAMPAIGNS),
  "PAGE /campaigns/new": rule("campaigns:manage", MANAGERS),
  "PAGE /evidence": rule("evidence:read", READERS_OF_CAMPAIGNS),
  "PAGE /evidence/[campaignId]": rule("evidence:read", READERS_OF_CAMPAIGNS),
  "PAGE /findings": rule("findings:read", MANAGERS),
  "PAGE /findings/identities/[id]": rule("findings:read", MANAGERS),
  "PAGE /inventory": rule("inventory:read-own", REVIEWERS, { note: "members see only identities they own" }),
  "PAGE /inventory/[id]": rule("inventory:read-own", REVIEWERS, { note: "members: only identities they own (404 otherwise)" }),
  "PAGE /profile": rule("reviews:read", REVIEWERS, { note: "the person's own notification preference" }),
  "PAGE /r/invalid": rule("public", PUBLIC, { note: "explains a spent or unknown one-click link" }),
  "PAGE /reviews": rule("reviews:read", REVIEWERS),
  "PAGE /reviews/[id]": rule("signed-in", SIGNED_IN, { note: "the reviewer, their delegate, or anyone with campaigns:read (404 otherwise)" }),
  "PAGE /settings": rule("settings:manage", ADMIN),
  "PAGE /settings/api-keys": rule("settings:manage", ADMIN),
  "PAGE /settings/ownership": rule("inventory:write", MANAGERS),
  "PAGE /settings/people": rule("people:write", ADMIN),
  "PAGE /settings/signing": rule("settings:manage", ADMIN),
  "PAGE /signin": rule("public", PUBLIC, { note: "the way in; lists demo people only in demo mode" }),
  "PAGE /sources": rule("inventory:read", MANAGERS),
  "PAGE /sources/[id]": rule("inventory:read", MANAGERS),
  "PAGE /triggers": rule("triggers:manage", MANAGERS),

  // ── route handlers ──
  "GET /api/auth/[...nextauth]": rule("public", PUBLIC, { note: "Auth.js (CSRF token, providers, callbacks)" }),
  "POST /api/auth/[...nextauth]": rule("public", PUBLIC, { note: "Auth.js (CSRF-token protected)" }),
  "POST /api/slack/events": rule("public", PUBLIC, { note: "Slack signing secret (HMAC + timestamp) checked per request" }),
  "GET /api/v1/audit/verify": rule("audit:read", READERS_OF_CAMPAIGNS),
  "GET /api/v1/campaigns": rule("campaigns:read", READERS_OF_CAMPAIGNS),
  "POST /api/v1/campaigns": rule("campaigns:manage", MANAGERS),
  "GET /api/v1/campaigns/[id]": rule("campaigns:read", READERS_OF_CAMPAIGNS),
  "POST /api/v1/campaigns/[id]/close": rule("campaigns:manage", MANAGERS),
  "GET /api/v1/campaigns/[id]/evidence": rule("evidence:read", READERS_OF_CAMPAIGNS),
  "POST /api/v1/campaigns/[id]/evidence": rule("evidence:generate", READERS_OF_CAMPAIGNS),
  "POST /api/v1/campaigns/[id]/launch": rule("campaigns:manage", MANAGERS),
  "POST /api/v1/events": rule("events:write", MANAGERS),
  "GET /api/v1/evidence": rule("evidence:read", READERS_OF_CAMPAIGNS),
  "POST /api/v1/evidence": rule("evidence:generate", READERS_OF_CAMPAIGNS),
  "GET /api/v1/evidence/[id]": rule("evidence:read", READERS_OF_CAMPAIGNS),
  "GET /api/v1/evidence/[id]/download": rule("evidence:read", READERS_OF_CAMPAIGNS),
  "GET /api/v1/health": rule("public", PUBLIC, { note: "liveness only; no workspace data" }),
  "GET /api/v1/identities/[id]": rule("inventory:read", MANAGERS),
  "GET /api/v1/owner-rules": rule("inventory:read", MANAGERS),
  "POST /api/v1/owner-rules": rule("inventory:write", MANAGERS),
  "PATCH /api/v1/owner-rules/[id]": rule("inventory:write", MANAGERS),
  "DELETE /api/v1/owner-rules/[id]": rule("inventory:write", MANAGERS),
  "POST /api/v1/owner-rules/apply": rule("inventory:write", MANAGERS, { mutatesWithoutInput: true }),
  "GET /api/v1/openapi.json": rule("public", PUBLIC, { note: "the API description" }),
  "GET /api/v1/reviews": rule("reviews:read", REVIEWERS),
  "GET /api/v1/reviews/[id]": rule("reviews:read", REVIEWERS),
  "POST /api/v1/reviews/decisions": rule("reviews:decide", REVIEWERS),
  "GET /api/v1/sources": rule("inventory:read", MANAGERS),
  "POST /api/v1/sources": rule("inventory:write", MANAGERS),
  "PUT /api/v1/sources/[id]/identities": rule("inventory:write", MANAGERS),
  "POST /api/v1/sources/[id]/imports": rule("inventory:write", MANAGERS),
  "POST /api/v1/sources/[id]/imports/[uploadId]/start": rule("inventory:write", MANAGERS),
  "GET /api/v1/sources/[id]/syncs": rule("inventory:read", MANAGERS),
  "GET /api/v1/sources/[id]/syncs/[syncId]": rule("inventory:read", MANAGERS),
  "PATCH /api/v1/users/[id]": rule("people:write", ADMIN),
  "GET /r/[token]": rule("public", PUBLIC, { note: "the token is the credential; redeemed only by the signed-in addressee" }),

  // ── server actions ──
  "ACTION app/(app)/campaigns/[id]/remediation-actions.ts#explainRemediationAction": rule("reviews:decide", REVIEWERS),
  "ACTION app/(app)/campaigns/actions.ts#closeCampaignAction": rule("campaigns:manage", MANAGERS),
  "ACTION app/(app)/campaigns/actions.ts#countScopeAction": rule("campaigns:manage", MANAGERS),
  "ACTION app/(app)/campaigns/actions.ts#createCampaignAction": rule("campaigns:manage", MANAGERS),
  "ACTION app/(app)/campaigns/actions.ts#launchCampaignAction": rule("campaigns:manage", MANAGERS),
  "ACTION app/(app)/campaigns/actions.ts#remindNowAction": rule("campaigns:manage", MANAGERS),
  "ACTION app/(app)/evidence/actions.ts#requestCampaignPackAction": rule("evidence:generate", READERS_OF_CAMPAIGNS),
  "ACTION app/(app)/evidence/actions.ts#requestPeriodPackAction": rule("evidence:generate", READERS_OF_CAMPAIGNS),
  "ACTION app/(app)/inventory/[id]/actions.ts#setIdentityOwnerAction": rule("inventory:write", MANAGERS),
  "ACTION app/(app)/layout.tsx#signOutAction": rule("public", PUBLIC, { note: "ends the caller's own session" }),
  "ACTION app/(app)/profile/actions.ts#setNotifyPreferenceAction": rule("reviews:read", REVIEWERS),
  "ACTION app/(app)/reviews/actions.ts#bulkAttestAction": rule("reviews:decide", REVIEWERS),
  "ACTION app/(app)/reviews/actions.ts#createDelegationAction": rule("reviews:decide", REVIEWERS),
  "ACTION app/(app)/reviews/actions.ts#decideAction": rule("reviews:decide", REVIEWERS),
  "ACTION app/(app)/reviews/actions.ts#markRemediationDoneAction": rule("reviews:decide", REVIEWERS),
  "ACTION app/(app)/settings/api-keys/actions.ts#createApiKeyAction": rule("settings:manage", ADMIN),
  "ACTION app/(app)/settings/api-keys/actions.ts#revokeApiKeyAction": rule("settings:manage", ADMIN),
  "ACTION app/(app)/settings/ownership/actions.ts#applyOwnerRulesAction": rule("inventory:write", MANAGERS, { mutatesWithoutInput: true }),
  "ACTION app/(app)/settings/ownership/actions.ts#createOwnerRuleAction": rule("inventory:write", MANAGERS),
  "ACTION app/(app)/settings/ownership/actions.ts#deleteOwnerRuleAction": rule("inventory:write", MANAGERS),
  "ACTION app/(app)/settings/ownership/actions.ts#moveOwnerRuleAction": rule("inventory:write", MANAGERS),
  "ACTION app/(app)/settings/ownership/actions.ts#updateOwnerRuleAction": rule("inventory:write", MANAGERS),
  "ACTION app/(app)/settings/people/actions.ts#setUserStatusAction": rule("people:write", ADMIN),
  "ACTION app/(app)/settings/signing/actions.ts#rotateSigningKeyAction": rule("settings:manage", ADMIN, { mutatesWithoutInput: true }),
  "ACTION app/(app)/sources/actions.ts#createSourceAction": rule("inventory:write", MANAGERS),
  "ACTION app/(app)/triggers/actions.ts#dryRunTriggersAction": rule("triggers:manage", MANAGERS),
  "ACTION app/(app)/triggers/actions.ts#updateTriggerRuleAction": rule("triggers:manage", MANAGERS),
  "ACTION app/signin/actions.ts#demoSignInAction": rule("public", PUBLIC, { note: "demo mode only; the provider re-checks ROLLCALL_DEMO" }),
  "ACTION app/signin/actions.ts#emailSignInAction": rule("public", PUBLIC, { note: "sends a magic link to a provisioned, active address" }),
  "ACTION app/signin/actions.ts#oidcSignInAction": rule("public", PUBLIC, { note: "starts the OIDC redirect" }),
};
