-- Idempotency of event ingestion by a compact key: md5(workspaceId || ':' || dedupeKey) as a uuid
-- (16 bytes) instead of a unique index over two long texts; the per-identity index drops workspaceId
-- (identity ids are unique across workspaces; queries still filter by workspaceId).

-- AlterTable
ALTER TABLE "ActivityEvent" ADD COLUMN "dedupeHash" UUID;
UPDATE "ActivityEvent" SET "dedupeHash" = md5("workspaceId" || ':' || "dedupeKey")::uuid;
ALTER TABLE "ActivityEvent" ALTER COLUMN "dedupeHash" SET NOT NULL;

-- DropIndex
DROP INDEX "ActivityEvent_workspaceId_dedupeKey_key";

-- DropIndex
DROP INDEX "ActivityEvent_workspaceId_identityId_occurredAt_idx";

-- CreateIndex
CREATE INDEX "ActivityEvent_identityId_occurredAt_idx" ON "ActivityEvent"("identityId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityEvent_dedupeHash_key" ON "ActivityEvent"("dedupeHash");
