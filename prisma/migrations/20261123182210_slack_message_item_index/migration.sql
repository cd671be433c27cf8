-- CreateIndex
CREATE INDEX "SlackMessage_itemIds_idx" ON "SlackMessage" USING GIN ("itemIds");
