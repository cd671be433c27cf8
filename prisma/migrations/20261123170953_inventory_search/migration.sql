-- Trigram search on identity names (pg_trgm is a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "Identity_workspaceId_blastRadius_idx";

-- DropIndex
DROP INDEX "Identity_workspaceId_lastUsedAt_idx";

-- DropIndex
DROP INDEX "Identity_workspaceId_name_idx";

-- DropIndex
DROP INDEX "Identity_workspaceId_oldestCredentialAt_idx";

-- CreateIndex
CREATE INDEX "Identity_workspaceId_name_id_idx" ON "Identity"("workspaceId", "name", "id");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_lastUsedAt_id_idx" ON "Identity"("workspaceId", "lastUsedAt", "id");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_blastRadius_id_idx" ON "Identity"("workspaceId", "blastRadius", "id");

-- CreateIndex
CREATE INDEX "Identity_workspaceId_oldestCredentialAt_id_idx" ON "Identity"("workspaceId", "oldestCredentialAt", "id");

-- CreateIndex
CREATE INDEX "Identity_name_trgm_idx" ON "Identity" USING GIN ("name" gin_trgm_ops);
