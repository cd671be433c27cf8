import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";
import { env } from "@/lib/env";

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { rollcallDb?: PrismaClient };

function client(): PrismaClient {
  if (!globalForDb.rollcallDb) {
    const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
    globalForDb.rollcallDb = new PrismaClient({ adapter });
  }
  return globalForDb.rollcallDb;
}

/**
 * The process-wide Prisma client, created on first use so that importing a module (as `next build`
 * does) never needs a database; kept on globalThis so dev reloads do not multiply pools.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const real = client();
    const value = Reflect.get(real, prop, real) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await globalForDb.rollcallDb?.$disconnect();
  globalForDb.rollcallDb = undefined;
}
