-- CreateEnum
CREATE TYPE "NotifyVia" AS ENUM ('SLACK', 'EMAIL', 'BOTH');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "notifyVia" "NotifyVia" NOT NULL DEFAULT 'BOTH';
