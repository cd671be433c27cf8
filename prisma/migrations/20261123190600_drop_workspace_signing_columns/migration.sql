/*
  Warnings:

  - You are about to drop the column `signingKeyEncrypted` on the `Workspace` table. All the data in the column will be lost.
  - You are about to drop the column `signingPublicKeyPem` on the `Workspace` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Workspace" DROP COLUMN "signingKeyEncrypted",
DROP COLUMN "signingPublicKeyPem";
