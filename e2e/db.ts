import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../prisma/generated/client";

/** Direct database access for fixtures (the same seeded database the app under test uses). */
export const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });

export async function demoUser(email: string) {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, workspaceId: true, name: true } });
}

export const DEMO = {
  admin: "ada.admin@acme.test",
  complianceManager: "chris.compliance@acme.test",
  auditor: "avery.auditor@acme.test",
  member: "olivia.owner@acme.test",
} as const;
