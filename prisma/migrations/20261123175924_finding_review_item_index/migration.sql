-- CreateIndex
CREATE INDEX "Finding_reviewItemId_idx" ON "Finding"("reviewItemId");
