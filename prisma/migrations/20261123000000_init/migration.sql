-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'COMPLIANCE_MANAGER', 'AUDITOR', 'MEMBER');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DEPARTED');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('AWS', 'KUBERNETES', 'GITHUB', 'OKTA', 'GCP', 'GENERIC');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "IdentityKind" AS ENUM ('SERVICE_ACCOUNT', 'API_KEY', 'OAUTH_APP', 'TOKEN', 'CERTIFICATE', 'DEPLOY_KEY', 'WORKLOAD', 'AI_AGENT', 'BOT');

-- CreateEnum
CREATE TYPE "IdentityStatus" AS ENUM ('ACTIVE', 'DISABLED', 'REMOVED');

-- CreateEnum
CREATE TYPE "DiscoveredBy" AS ENUM ('IMPORT', 'EVENT', 'API');

-- CreateEnum
CREATE TYPE "CredentialKind" AS ENUM ('ACCESS_KEY', 'TOKEN', 'CERTIFICATE', 'SSH_KEY', 'CLIENT_SECRET', 'PASSWORD');

-- CreateEnum
CREATE TYPE "CredentialStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'EXPIRED', 'REMOVED');

-- CreateEnum
CREATE TYPE "EntitlementStatus" AS ENUM ('ACTIVE', 'REMOVED');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('API_CALL', 'TOKEN_ISSUED', 'CREDENTIAL_CREATED', 'CREDENTIAL_DELETED', 'PERMISSION_GRANTED', 'PERMISSION_REVOKED', 'IDENTITY_CREATED', 'INTERACTIVE_LOGIN', 'OTHER');

-- CreateEnum
CREATE TYPE "TriggerKind" AS ENUM ('NEW_IDENTITY', 'ORPHANED', 'PERMISSION_EXPANSION', 'CREDENTIAL_CREATED', 'CREDENTIAL_MAX_AGE', 'CREDENTIAL_EXPIRING', 'DORMANT', 'REACTIVATED', 'NEW_SOURCE_IP', 'NEW_REGION', 'NEW_USER_AGENT', 'TOKEN_SPIKE', 'API_VOLUME_SPIKE', 'HUMAN_USE', 'ENVIRONMENT_MISMATCH', 'REMEDIATION_OVERDUE', 'EXCEPTION_EXPIRED');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'IN_REVIEW', 'RESOLVED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('SCHEDULED', 'CONTINUOUS');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "NonResponseAction" AS ENUM ('REVOKE', 'KEEP', 'ESCALATE_ONLY');

-- CreateEnum
CREATE TYPE "ReviewItemStatus" AS ENUM ('PENDING', 'DECIDED', 'ESCALATED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('ATTEST', 'REVOKE', 'REDUCE', 'EXCEPTION', 'REASSIGN');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WEB', 'SLACK', 'API', 'SYSTEM');

-- CreateEnum
CREATE TYPE "RemediationExecutor" AS ENUM ('WEBHOOK', 'MANUAL');

-- CreateEnum
CREATE TYPE "RemediationStatus" AS ENUM ('OPEN', 'EXECUTED', 'VERIFIED', 'FAILED');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'API_KEY', 'SYSTEM');

-- CreateEnum
CREATE TYPE "PackStatus" AS ENUM ('QUEUED', 'BUILDING', 'READY', 'FAILED');

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL DEFAULT ('wsp_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policy" JSONB NOT NULL DEFAULT '{}',
    "fallbackReviewerId" TEXT,
    "signingPublicKeyPem" TEXT,
    "signingKeyEncrypted" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL DEFAULT ('usr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "managerId" TEXT,
    "slackUserId" TEXT,
    "emailVerified" TIMESTAMP(3),
    "image" TEXT,
    "departedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL DEFAULT ('tem_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "leadId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMembership" (
    "workspaceId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMembership_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL DEFAULT ('src_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "externalRef" TEXT,
    "lastSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceSync" (
    "id" TEXT NOT NULL DEFAULT ('syn_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT,
    "fileSha256" TEXT,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "status" "SyncStatus" NOT NULL DEFAULT 'QUEUED',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "rowsParsed" INTEGER NOT NULL DEFAULT 0,
    "rowsApplied" INTEGER NOT NULL DEFAULT 0,
    "seenCount" INTEGER NOT NULL DEFAULT 0,
    "addedCount" INTEGER NOT NULL DEFAULT 0,
    "changedCount" INTEGER NOT NULL DEFAULT 0,
    "removedCount" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "triggeredById" TEXT,

    CONSTRAINT "SourceSync_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Identity" (
    "id" TEXT NOT NULL DEFAULT ('idn_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "kind" "IdentityKind" NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "environment" TEXT,
    "purpose" TEXT,
    "ownerId" TEXT,
    "owningTeamId" TEXT,
    "status" "IdentityStatus" NOT NULL DEFAULT 'ACTIVE',
    "privileged" BOOLEAN NOT NULL DEFAULT false,
    "riskFlags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tags" JSONB NOT NULL DEFAULT '{}',
    "blastRadius" INTEGER NOT NULL DEFAULT 0,
    "createdAtSource" TIMESTAMP(3),
    "createdBy" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "discoveredBy" "DiscoveredBy" NOT NULL DEFAULT 'IMPORT',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL DEFAULT ('crd_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "kind" "CredentialKind" NOT NULL,
    "status" "CredentialStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3),
    "lastRotatedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "removedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Entitlement" (
    "id" TEXT NOT NULL DEFAULT ('ent_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resource" TEXT NOT NULL DEFAULT '*',
    "privileged" BOOLEAN NOT NULL DEFAULT false,
    "wildcard" BOOLEAN NOT NULL DEFAULT false,
    "canMint" BOOLEAN NOT NULL DEFAULT false,
    "status" "EntitlementStatus" NOT NULL DEFAULT 'ACTIVE',
    "grantedAt" TIMESTAMP(3),
    "grantedBy" TEXT,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "Entitlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityEvent" (
    "id" TEXT NOT NULL DEFAULT ('evt_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "identityId" TEXT,
    "credentialId" TEXT,
    "format" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "kind" "EventKind" NOT NULL,
    "principal" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "sourceIp" TEXT,
    "region" TEXT,
    "userAgent" TEXT,
    "outcome" TEXT,
    "raw" JSONB NOT NULL,
    "ingestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Baseline" (
    "id" TEXT NOT NULL DEFAULT ('bsl_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "sourceIps" JSONB NOT NULL DEFAULT '{}',
    "regions" JSONB NOT NULL DEFAULT '{}',
    "userAgents" JSONB NOT NULL DEFAULT '{}',
    "environments" JSONB NOT NULL DEFAULT '{}',
    "dailyCalls" JSONB NOT NULL DEFAULT '{}',
    "dailyTokens" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Baseline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TriggerRule" (
    "id" TEXT NOT NULL DEFAULT ('trg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "kind" "TriggerKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "params" JSONB NOT NULL DEFAULT '{}',
    "cooldownHours" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TriggerRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL DEFAULT ('fnd_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "ruleId" TEXT,
    "kind" "TriggerKind" NOT NULL,
    "identityId" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'OPEN',
    "sentence" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "eventIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "actorUserId" TEXT,
    "reviewItemId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL DEFAULT ('cmp_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CampaignKind" NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "scope" JSONB NOT NULL DEFAULT '{}',
    "startsAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "recurrence" TEXT,
    "reminderCadence" JSONB NOT NULL DEFAULT '[]',
    "escalationAfterDays" INTEGER NOT NULL DEFAULT 7,
    "defaultOnNoResponse" "NonResponseAction" NOT NULL DEFAULT 'ESCALATE_ONLY',
    "launchedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "signedOffById" TEXT,
    "signedOffAt" TIMESTAMP(3),
    "signOffStatement" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" TEXT NOT NULL DEFAULT ('itm_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "snapshot" JSONB NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "recommendation" "DecisionKind",
    "recommendationReason" TEXT,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "ReviewItemStatus" NOT NULL DEFAULT 'PENDING',
    "escalatedAt" TIMESTAMP(3),
    "lastRemindedAt" TIMESTAMP(3),
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "firstViewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL DEFAULT ('dec_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "deciderId" TEXT,
    "kind" "DecisionKind" NOT NULL,
    "channel" "Channel" NOT NULL,
    "justification" TEXT,
    "exceptionUntil" TIMESTAMP(3),
    "removeEntitlementIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "newOwnerId" TEXT,
    "secondsToDecide" INTEGER,
    "batchId" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemediationTask" (
    "id" TEXT NOT NULL DEFAULT ('rem_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "executor" "RemediationExecutor" NOT NULL DEFAULT 'MANUAL',
    "status" "RemediationStatus" NOT NULL DEFAULT 'OPEN',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "executedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "verifiedHow" TEXT,
    "verifySyncId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemediationTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL DEFAULT ('aud_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidencePack" (
    "id" TEXT NOT NULL DEFAULT ('evp_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "status" "PackStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "manifestSha256" TEXT,
    "signature" TEXT,
    "bytes" BIGINT,
    "storagePath" TEXT,
    "previousPackId" TEXT,
    "requestedById" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),

    CONSTRAINT "EvidencePack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL DEFAULT ('key_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("provider","providerAccountId")
);

-- CreateTable
CREATE TABLE "Session" (
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VerificationToken_pkey" PRIMARY KEY ("identifier","token")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_workspaceId_role_idx" ON "User"("workspaceId", "role");

-- CreateIndex
CREATE INDEX "User_workspaceId_status_idx" ON "User"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "User_workspaceId_slackUserId_idx" ON "User"("workspaceId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_workspaceId_name_key" ON "Team"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "TeamMembership_workspaceId_userId_idx" ON "TeamMembership"("workspaceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Source_workspaceId_name_key" ON "Source"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "SourceSync_workspaceId_sourceId_startedAt_idx" ON "SourceSync"("workspaceId", "sourceId", "startedAt");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_name_idx" ON "Identity"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_externalId_idx" ON "Identity"("workspaceId", "externalId");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_ownerId_idx" ON "Identity"("workspaceId", "ownerId");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_kind_status_idx" ON "Identity"("workspaceId", "kind", "status");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_lastUsedAt_idx" ON "Identity"("workspaceId", "lastUsedAt");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_blastRadius_idx" ON "Identity"("workspaceId", "blastRadius");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_sourceId_externalId_key" ON "Identity"("sourceId", "externalId");

-- CreateIndex
CREATE INDEX "Credential_workspaceId_externalId_idx" ON "Credential"("workspaceId", "externalId");

-- CreateIndex
CREATE INDEX "Credential_workspaceId_expiresAt_idx" ON "Credential"("workspaceId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_identityId_externalId_key" ON "Credential"("identityId", "externalId");

-- CreateIndex
CREATE INDEX "Entitlement_workspaceId_privileged_idx" ON "Entitlement"("workspaceId", "privileged");

-- CreateIndex
CREATE UNIQUE INDEX "Entitlement_identityId_name_resource_key" ON "Entitlement"("identityId", "name", "resource");

-- CreateIndex
CREATE INDEX "ActivityEvent_workspaceId_identityId_occurredAt_idx" ON "ActivityEvent"("workspaceId", "identityId", "occurredAt");

-- CreateIndex
CREATE INDEX "ActivityEvent_workspaceId_occurredAt_idx" ON "ActivityEvent"("workspaceId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityEvent_workspaceId_dedupeKey_key" ON "ActivityEvent"("workspaceId", "dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "Baseline_identityId_key" ON "Baseline"("identityId");

-- CreateIndex
CREATE INDEX "Baseline_workspaceId_idx" ON "Baseline"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "TriggerRule_workspaceId_kind_key" ON "TriggerRule"("workspaceId", "kind");

-- CreateIndex
CREATE INDEX "Finding_workspaceId_kind_identityId_createdAt_idx" ON "Finding"("workspaceId", "kind", "identityId", "createdAt");

-- CreateIndex
CREATE INDEX "Finding_workspaceId_status_severity_idx" ON "Finding"("workspaceId", "status", "severity");

-- CreateIndex
CREATE INDEX "Finding_workspaceId_identityId_idx" ON "Finding"("workspaceId", "identityId");

-- CreateIndex
CREATE INDEX "Campaign_workspaceId_status_idx" ON "Campaign"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "ReviewItem_workspaceId_reviewerId_status_dueAt_idx" ON "ReviewItem"("workspaceId", "reviewerId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "ReviewItem_workspaceId_campaignId_status_idx" ON "ReviewItem"("workspaceId", "campaignId", "status");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_identityId_idx" ON "ReviewItem"("campaignId", "identityId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_itemId_key" ON "Decision"("itemId");

-- CreateIndex
CREATE INDEX "Decision_workspaceId_decidedAt_idx" ON "Decision"("workspaceId", "decidedAt");

-- CreateIndex
CREATE INDEX "RemediationTask_workspaceId_status_dueAt_idx" ON "RemediationTask"("workspaceId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "RemediationTask_workspaceId_identityId_idx" ON "RemediationTask"("workspaceId", "identityId");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_action_at_idx" ON "AuditEvent"("workspaceId", "action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_subjectId_idx" ON "AuditEvent"("workspaceId", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_workspaceId_seq_key" ON "AuditEvent"("workspaceId", "seq");

-- CreateIndex
CREATE INDEX "EvidencePack_workspaceId_campaignId_createdAt_idx" ON "EvidencePack"("workspaceId", "campaignId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_createdAt_idx" ON "ApiKey"("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMembership" ADD CONSTRAINT "TeamMembership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMembership" ADD CONSTRAINT "TeamMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceSync" ADD CONSTRAINT "SourceSync_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_owningTeamId_fkey" FOREIGN KEY ("owningTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Baseline" ADD CONSTRAINT "Baseline_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriggerRule" ADD CONSTRAINT "TriggerRule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "TriggerRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_reviewItemId_fkey" FOREIGN KEY ("reviewItemId") REFERENCES "ReviewItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ReviewItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_deciderId_fkey" FOREIGN KEY ("deciderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationTask" ADD CONSTRAINT "RemediationTask_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePack" ADD CONSTRAINT "EvidencePack_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePack" ADD CONSTRAINT "EvidencePack_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


