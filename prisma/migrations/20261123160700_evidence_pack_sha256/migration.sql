-- AlterTable
ALTER TABLE "EvidencePack" ADD COLUMN     "sha256" TEXT;
