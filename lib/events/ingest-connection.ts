import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";
import { env } from "@/lib/env";

const COPY_MESSAGE_BYTES = 1 << 20;

/**
 * The one database session of an ingestion run, reachable through Prisma (the transaction that
 * applies a chunk) and raw (`pg`, for COPY and large array queries inside that same transaction). A
 * pool of exactly one connection makes both the same session; raw statements are only issued between
 * awaited Prisma calls, so the connection never runs two statements at once.
 */
export class IngestConnection {
  private client: pg.Client | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    readonly prisma: PrismaClient,
  ) {
    pool.on("connect", (c) => {
      this.client = c;
    });
  }

  static open(): IngestConnection {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 1, idleTimeoutMillis: 0, application_name: "rollcall-ingest" });
    return new IngestConnection(pool, new PrismaClient({ adapter: new PrismaPg(pool) }));
  }

  /** The session's connection; only valid once Prisma has used it (inside the chunk's transaction). */
  private session(): pg.Client {
    if (!this.client) throw new Error("ingest connection used before its session was opened");
    return this.client;
  }

  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<R[]> {
    return (await this.session().query<R>(sql, values)).rows;
  }

  /**
   * Runs `COPY … FROM STDIN` with the given data (in the format the statement names) in the session's current
   * transaction, sent as 1 MB messages (the server buffers each message whole before parsing it).
   */
  async copy(sql: string, data: Buffer): Promise<void> {
    const client = this.session();
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(sql));
      stream.on("finish", resolve);
      stream.on("error", reject);
      for (let at = 0; at < data.length; at += COPY_MESSAGE_BYTES) stream.write(data.subarray(at, at + COPY_MESSAGE_BYTES));
      stream.end();
    });
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
