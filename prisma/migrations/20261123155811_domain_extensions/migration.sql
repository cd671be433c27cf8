-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('IDENTITY_ADDED', 'IDENTITY_REMOVED', 'ENTITLEMENT_GRANTED', 'ENTITLEMENT_REMOVED', 'CREDENTIAL_CREATED', 'CREDENTIAL_ROTATED', 'CREDENTIAL_REMOVED', 'OWNER_CHANGED');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "launchDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "launchTotal" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "population" JSONB;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "batchSize" INTEGER,
ADD COLUMN     "secondsSincePrevious" INTEGER;

-- AlterTable
ALTER TABLE "EvidencePack" ADD COLUMN     "periodEnd" TIMESTAMP(3),
ADD COLUMN     "periodStart" TIMESTAMP(3),
ADD COLUMN     "signingKeyId" TEXT,
ALTER COLUMN "campaignId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "RemediationTask" ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "responseCode" INTEGER,
ADD COLUMN     "ticketRef" TEXT;

-- AlterTable
ALTER TABLE "ReviewItem" ADD COLUMN     "escalatedToId" TEXT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "remediationWebhookSecretEncrypted" TEXT,
ADD COLUMN     "remediationWebhookUrl" TEXT;

-- CreateTable
CREATE TABLE "OwnerRule" (
    "id" TEXT NOT NULL DEFAULT ('own_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sourceId" TEXT,
    "kind" "IdentityKind",
    "pattern" TEXT,
    "tagKey" TEXT,
    "tagValue" TEXT,
    "ownerUserId" TEXT,
    "ownerTeamId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OwnerRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRecord" (
    "id" TEXT NOT NULL DEFAULT ('chg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "sourceId" TEXT,
    "syncId" TEXT,
    "kind" "ChangeKind" NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "actorUserId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "ChangeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportUpload" (
    "id" TEXT NOT NULL DEFAULT ('upl_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "syncId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportUpload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" TEXT NOT NULL DEFAULT ('dlg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OneClickLink" (
    "id" TEXT NOT NULL DEFAULT ('lnk_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneClickLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackMessage" (
    "id" TEXT NOT NULL DEFAULT ('slk_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "itemIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL DEFAULT ('sgk_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "workspaceId" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OwnerRule_workspaceId_position_idx" ON "OwnerRule"("workspaceId", "position");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_processedAt_idx" ON "ChangeRecord"("workspaceId", "processedAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_workspaceId_identityId_occurredAt_idx" ON "ChangeRecord"("workspaceId", "identityId", "occurredAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_syncId_idx" ON "ChangeRecord"("syncId");

-- CreateIndex
CREATE INDEX "ImportUpload_workspaceId_createdAt_idx" ON "ImportUpload"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Delegation_workspaceId_userId_startsAt_idx" ON "Delegation"("workspaceId", "userId", "startsAt");

-- CreateIndex
CREATE INDEX "Delegation_workspaceId_delegateId_idx" ON "Delegation"("workspaceId", "delegateId");

-- CreateIndex
CREATE UNIQUE INDEX "OneClickLink_tokenHash_key" ON "OneClickLink"("tokenHash");

-- CreateIndex
CREATE INDEX "OneClickLink_workspaceId_itemId_idx" ON "OneClickLink"("workspaceId", "itemId");

-- CreateIndex
CREATE INDEX "SlackMessage_workspaceId_userId_idx" ON "SlackMessage"("workspaceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "SlackMessage_channel_ts_key" ON "SlackMessage"("channel", "ts");

-- CreateIndex
CREATE INDEX "SigningKey_workspaceId_createdAt_idx" ON "SigningKey"("workspaceId", "createdAt");
