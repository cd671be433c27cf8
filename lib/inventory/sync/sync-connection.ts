import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";
import { env } from "@/lib/env";

/**
 * One database connection for the whole sync, reachable two ways: raw (`pg`, for COPY into session
 * temp tables) and through Prisma (for the transaction that applies the rows and writes the audit
 * event with recordAudit). A pool of exactly one connection guarantees both see the same session,
 * so the temp tables filled by COPY are there when the transaction reads them.
 */
export class SyncConnection {
  private constructor(
    readonly pool: pg.Pool,
    readonly prisma: PrismaClient,
  ) {}

  static async open(): Promise<SyncConnection> {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 1, idleTimeoutMillis: 0, application_name: "rollcall-sync" });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return new SyncConnection(pool, prisma);
  }

  /** Runs raw statements on the session (outside any transaction). */
  async raw<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}

/** Streams text rows into `COPY table FROM STDIN`, honouring back-pressure. */
export async function copyRows(client: pg.PoolClient, sql: string, rows: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(sql));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  let buffer = "";
  const flush = async () => {
    if (!buffer) return;
    const ok = stream.write(buffer);
    buffer = "";
    if (!ok) await new Promise<void>((resolve) => stream.once("drain", resolve));
  };
  try {
    for await (const row of rows) {
      buffer += row;
      if (buffer.length > 256 * 1024) await flush();
    }
    await flush();
  } catch (error) {
    stream.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  stream.end();
  await done;
}
