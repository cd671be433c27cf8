-- CreateIndex
CREATE INDEX "ReviewItem_workspaceId_escalatedToId_status_idx" ON "ReviewItem"("workspaceId", "escalatedToId", "status");
