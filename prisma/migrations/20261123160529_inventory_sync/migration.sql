-- AlterTable
ALTER TABLE "Identity" ADD COLUMN     "firstSyncId" TEXT,
ADD COLUMN     "lastSyncId" TEXT,
ADD COLUMN     "oldestCredentialAt" TIMESTAMP(3),
ADD COLUMN     "ownerRuleId" TEXT,
ADD COLUMN     "ownerSource" TEXT;

-- AlterTable
ALTER TABLE "SourceSync" ADD COLUMN     "stats" JSONB NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "Identity_workspaceId_oldestCredentialAt_idx" ON "Identity"("workspaceId", "oldestCredentialAt");
