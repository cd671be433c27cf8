import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { env } from "@/lib/env";

// Reads for a pack build on one connection, inside one REPEATABLE READ, READ ONLY transaction: every
// file of a pack describes the same instant, however long the build runs. Large sets are read through
// server-side cursors in fixed-size batches, so memory stays bounded whatever the campaign size.

const toIso = (value: string) => new Date(`${value.replace(" ", "T")}Z`).toISOString();

const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 1114) return toIso; // timestamp(3) columns hold UTC wall time
    if (oid === 1184) return (value: string) => new Date(value).toISOString();
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

export class PackReader {
  private cursors = 0;
  private constructor(private readonly client: pg.Client, private readonly connectionString: string) {}

  /** A reader on its own snapshot; with `snapshotId` (see fork()), on that exported snapshot instead. */
  static async open(connectionString = env().DATABASE_URL, snapshotId?: string): Promise<PackReader> {
    const client = new pg.Client({ connectionString, types, application_name: "rollcall-evidence" });
    await client.connect();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (snapshotId) await client.query(`SET TRANSACTION SNAPSHOT ${client.escapeLiteral(snapshotId)}`);
    // Every cursor is read to the end: plan for total time, not for the first rows.
    await client.query("SET LOCAL cursor_tuple_fraction = 1.0");
    // Sorting a 250,000-item campaign by id in memory rather than in temp files (per sort, server side).
    await client.query("SET LOCAL work_mem = '64MB'");
    // A pack reads on two connections at once (fork()); parallel workers on top took as long and used more CPU.
    await client.query("SET LOCAL max_parallel_workers_per_gather = 0");
    return new PackReader(client, connectionString);
  }

  /**
   * A second reader that sees exactly what this one sees (PostgreSQL's exported snapshot), so a pack
   * can read two files at once on two connections and still describe one instant.
   */
  async fork(): Promise<PackReader> {
    const { rows } = await this.client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    return PackReader.open(this.connectionString, rows[0]!.id);
  }

  async rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(text, params)).rows as T[];
  }

  async one<T>(text: string, params: unknown[] = []): Promise<T> {
    const [row] = await this.rows<T>(text, params);
    if (!row) throw new Error("expected one row");
    return row;
  }

  /** Yields the query's rows in batches through a server-side cursor. */
  async *batches<T>(text: string, params: unknown[] = [], size = 5000): AsyncGenerator<T[]> {
    const name = `evidence_${++this.cursors}`;
    await this.client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${text}`, params);
    try {
      for (;;) {
        const { rows } = await this.client.query(`FETCH ${size} FROM ${name}`);
        if (rows.length === 0) return;
        yield rows as T[];
      }
    } finally {
      await this.client.query(`CLOSE ${name}`);
    }
  }

  /**
   * Streams `COPY (query) TO STDOUT` in CSV: rows formatted and quoted by PostgreSQL (RFC 4180, LF line
   * ends), read in large chunks with no per-row work here. COPY takes no bind parameters, so $1..$n are
   * inlined as quoted literals (escaped by the driver).
   */
  async *copyCsv(text: string, params: unknown[] = [], options = "FORMAT csv"): AsyncGenerator<Buffer> {
    const literal = (v: unknown) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : this.client.escapeLiteral(v instanceof Date ? v.toISOString() : String(v)));
    const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
      if (Number(n) < 1 || Number(n) > params.length) throw new Error(`copyCsv: no value for $${n}`);
      return literal(params[Number(n) - 1]);
    });
    const stream = this.client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (${options})`));
    for await (const chunk of stream) yield chunk as Buffer;
  }

  /**
   * Streams a one-column query of JSON text as JSON Lines, byte for byte: CSV with a quote and a
   * delimiter that JSON text never holds raw (control characters are escaped in JSON), so no value is
   * ever quoted or escaped, and each row is the JSON text and a line feed.
   */
  jsonLines(text: string, params: unknown[] = []): AsyncGenerator<Buffer> {
    return this.copyCsv(text, params, "FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02'");
  }

  async close(): Promise<void> {
    try {
      await this.client.query("COMMIT");
    } finally {
      await this.client.end();
    }
  }
}
