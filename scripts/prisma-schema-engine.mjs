#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which Prisma 7 downloads from a host that is
// unreachable here. The CLI starts it via PRISMA_SCHEMA_ENGINE_BINARY (see scripts/prisma.ts) and
// talks line-delimited JSON-RPC over stdio; we forward to @prisma/schema-engine-wasm + adapter-pg.
// Everything here leans on Prisma internals: keep all @prisma/* and prisma versions pinned exactly.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);
const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
const wasmVersion = JSON.parse(readFileSync(join(dirname(bgPath), 'package.json'), 'utf8')).version;

// stdout is the RPC channel and the CLI parses stderr as JSON records, so nothing else may print.
const writeErr = (line) => { try { process.stderr.write(line + '\n'); } catch { /* CLI gone */ } };
const log = (level, message, error_code) =>
  writeErr(JSON.stringify({ timestamp: new Date().toISOString(), level, target: 'schema_engine::logger',
    fields: error_code ? { message, error_code } : { message } }));
console.log = console.info = console.warn = console.debug = (...a) => log('INFO', a.join(' '));
process.removeAllListeners('warning');
process.on('warning', (w) => log('WARN', String(w.message)));
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

// --- arguments (same surface as the native binary) -------------------------------------------
const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-V')) {
  // The CLI only compares this string for binaries it downloaded itself; answer like the real one.
  process.stdout.write(`schema-engine-cli ${wasmVersion.split('.').pop()}\n`);
  process.exit(0);
}
const datamodelPaths = [];
let datasource = {};
let cliCommand = null;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--datamodels' || argv[i] === '-d') datamodelPaths.push(argv[++i]);
  else if (argv[i] === '--datasource') datasource = JSON.parse(argv[++i]);
  else if (argv[i] === 'cli') cliCommand = argv[++i];
  else if (argv[i].startsWith('--')) i++; // --enabled-preview-features, --extension-types: unused
}

// --- connection config ------------------------------------------------------------------------
const { parse: parseUrl } = createRequire(require.resolve('pg'))('pg-connection-string');

// Never hand pg a `connectionString`: it overrides `database`, which made adapter-pg's shadow
// database silently point at the real database. Explicit fields only.
function pgConfig(url) {
  if (!url) throw new Error('No datasource url: set datasource.url in prisma.config.ts');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('The schema engine stand-in supports only postgresql:// URLs');
  const p = parseUrl(url);
  const cfg = { host: p.host, port: p.port ? Number(p.port) : 5432, user: p.user, password: p.password,
    database: p.database || 'postgres', ssl: p.ssl, application_name: p.application_name };
  // Prisma's `?schema=` means "default schema"; migration SQL is unqualified, so set search_path too.
  const schema = p.schema || undefined;
  if (schema) cfg.options = `-c search_path=${schema.replace(/([\s\\,])/g, '\\$1')}`;
  return { cfg, schema };
}

const quoteIdent = (s) => `"${String(s).replace(/"/g, '""')}"`;
async function withClient(cfg, fn) {
  const client = new pg.Client(cfg);
  await client.connect();
  try { return await fn(client); } finally { await client.end().catch(() => {}); }
}
async function dropDatabase(cfg, name) {
  await withClient(cfg, async (c) => {
    try { await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`); }
    catch (e) { if (e.code === '42601') await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`); else throw e; }
  });
}
async function createDatabase(url) {
  const { cfg } = pgConfig(url);
  const createFrom = (database) => withClient({ ...cfg, database }, (c) => c.query(`CREATE DATABASE ${quoteIdent(cfg.database)}`));
  await createFrom('postgres').catch((e) => (e.code === '3D000' ? createFrom('template1') : Promise.reject(e)));
  return cfg.database;
}

// Maps connection failures to the codes the CLI acts on (P1003 makes it run create-database).
function connectionError(e, cfg) {
  const at = `${cfg.host}:${cfg.port}`;
  if (e.code === '3D000') return ['P1003', `Database \`${cfg.database}\` does not exist on the database server at \`${at}\`.`];
  if (e.code === '28P01' || e.code === '28000') return ['P1000', `Authentication failed against database server, the provided database credentials for \`${cfg.user}\` are not valid.`];
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN'].includes(e.code)) return ['P1001', `Can't reach database server at \`${at}\``];
  return [undefined, String(e.message || e)];
}

// --- adapter-pg patches -------------------------------------------------------------------------
let patched = false;
function patchAdapterClasses(adapter) {
  if (patched) return;
  patched = true;
  let q = adapter;
  while (q && !Object.hasOwn(q, 'queryRaw')) q = Object.getPrototypeOf(q);
  // Introspection reads catalog columns of type "char" (oid 18), and `name` (19) in older
  // adapter versions, which adapter-pg rejects (prisma/orm#27403). Present them as text for
  // adapter-pg's mapping, then put the right column type back.
  const special = { 18: ColumnTypeEnum.Character, 19: ColumnTypeEnum.Text };
  const queryRaw = q.queryRaw;
  q.queryRaw = async function (query) {
    const res = await this.performIO(query);
    const fields = res.fields.map((f) => (f.dataTypeID in special ? { ...f, dataTypeID: 25 } : f));
    const out = await queryRaw.call(Object.create(this, { performIO: { value: async () => ({ ...res, fields }) } }), query);
    res.fields.forEach((f, i) => { if (f.dataTypeID in special) out.columnTypes[i] = special[f.dataTypeID]; });
    return out;
  };
  // adapter-pg splits scripts on ';', breaking migrations with ';' inside strings, functions or DO
  // blocks. The native engine sends a migration as one simple query (one implicit transaction).
  Object.getPrototypeOf(adapter).executeScript = async function (script) {
    try { await this.client.query(script); } catch (e) { this.onError(e); }
  };
}

const openAdapters = new Set();
const shadowDbs = new Set();
function track(adapter, onDispose) {
  patchAdapterClasses(adapter);
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    if (!openAdapters.delete(adapter)) return; // already disposed
    await dispose(); // pool first: dropping a database with live sessions fails
    await onDispose?.();
  };
  openAdapters.add(adapter);
  return adapter;
}

// Same cluster <=> same postmaster start time (microseconds); then the name tells the database.
// Asked of the live connection, so host aliases (localhost vs 127.0.0.1, sockets) cannot fool it.
const identityOf = async (q) => (await q.query('SELECT current_database() AS db, pg_postmaster_start_time()::text AS up')).rows[0];

function makeAdapterFactory() {
  const main = datasource.url ? pgConfig(datasource.url) : null;
  const mainCfg = () => { if (!main) throw new Error('No datasource url: set datasource.url in prisma.config.ts'); return main; };
  return bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      const { cfg, schema } = mainCfg();
      return track(await new PrismaPg(cfg, { schema }).connect());
    },
    // Replaces adapter-pg's own connectToShadowDb (bugs: wrong database, drop-before-close, leaked pool).
    async connectToShadowDb() {
      const { cfg, schema } = mainCfg();
      const mainId = await withClient(cfg, identityOf);
      let adapter, expected, resetSchema;
      if (datasource.shadowDatabaseUrl) {
        const shadow = pgConfig(datasource.shadowDatabaseUrl);
        adapter = track(await new PrismaPg(shadow.cfg, { schema: shadow.schema }).connect());
        resetSchema = shadow.schema ?? 'public';
      } else {
        expected = `prisma_migrate_shadow_db_${randomUUID()}`;
        await withClient(cfg, (c) => c.query(`CREATE DATABASE ${quoteIdent(expected)}`));
        shadowDbs.add(expected);
        adapter = track(await new PrismaPg({ ...cfg, database: expected }, { schema }).connect(), async () => {
          await dropDatabase(cfg, expected);
          shadowDbs.delete(expected);
        });
      }
      try {
        const id = await identityOf(adapter.underlyingDriver());
        if ((id.db === mainId.db && id.up === mainId.up) || (expected && id.db !== expected)) {
          throw new Error(`Refusing to use database "${id.db}" as shadow database: it is the main database (or not the one created). Configure a different shadowDatabaseUrl.`);
        }
        // Unlike the native engine, the Wasm engine does not empty a configured shadow database.
        if (resetSchema) await adapter.underlyingDriver().query(`DROP SCHEMA IF EXISTS ${quoteIdent(resetSchema)} CASCADE; CREATE SCHEMA ${quoteIdent(resetSchema)}`);
      } catch (e) {
        await adapter.dispose().catch(() => {});
        throw e;
      }
      return adapter;
    },
  });
}

async function cleanup() {
  for (const a of [...openAdapters]) await a.dispose().catch(() => {});
  const main = datasource.url && pgConfig(datasource.url).cfg; // shadow dbs the engine did not dispose
  for (const name of main ? [...shadowDbs] : []) await dropDatabase(main, name).catch(() => {});
}

// --- one-shot `cli` subcommands ----------------------------------------------------------------
if (cliCommand) {
  log('INFO', `schema engine stand-in: cli ${cliCommand}`); // the CLI drops the first stderr line
  let cfg = {};
  try {
    cfg = pgConfig(datasource.url).cfg;
    if (cliCommand === 'can-connect-to-database') await withClient(cfg, (c) => c.query('SELECT 1'));
    else if (cliCommand === 'create-database') process.stdout.write(JSON.stringify({ databaseName: await createDatabase(datasource.url) }) + '\n');
    else throw new Error(`Unsupported cli command: ${cliCommand}`);
    process.exit(0);
  } catch (e) {
    const [code, message] = connectionError(e, cfg);
    log('ERROR', message, code);
    process.exit(1);
  }
}

// --- JSON-RPC server ----------------------------------------------------------------------------
globalThis.PRISMA_WASM_PANIC_REGISTRY = { message: '', get() { return this.message; }, set_message(m) { this.message = m; } };
const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
// Node 20 has no ESM import of .wasm, so instantiate by hand.
const wasmBytes = readFileSync(join(dirname(bgPath), 'schema_engine_bg.wasm'));
const { instance } = await WebAssembly.instantiate(wasmBytes, { './schema_engine_bg.js': bg });
bg.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start?.();

const datamodels = datamodelPaths.map((p) => [p, readFileSync(p, 'utf8')]);
const onLog = (line) => {
  try { const rec = JSON.parse(line); writeErr(JSON.stringify(rec.fields ? rec : { level: 'INFO', fields: { message: line } })); }
  catch { log('INFO', String(line)); }
};
// One engine per process: evaluateDataLoss/createMigration reuse state filled by devDiagnostic.
let enginePromise;
const adapterFactory = makeAdapterFactory();
const engine = () => (enginePromise ??= bg.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, onLog, adapterFactory));

const send = (msg) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...msg }) + '\n');
const pending = new Map();
let nextId = 1;
const askCli = (method, params) => new Promise((resolve) => {
  const id = `stand-in-${nextId++}`;
  pending.set(id, resolve);
  send({ id, method, params });
});

const SHADOW_CACHE_MISS = 'shadow DB must be provided through an external factory';
async function call(method, params) {
  if (method === 'createDatabase') {
    const url = params?.datasource?.tag === 'ConnectionString' ? params.datasource.url : datasource.url;
    return { databaseName: await createDatabase(url) };
  }
  const e = await engine();
  const name = method === 'getDatabaseVersion' ? 'version' : method;
  if (typeof e[name] !== 'function' || name === 'free' || name.startsWith('__')) throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
  try {
    return await e[name](params);
  } catch (err) {
    if (!['evaluateDataLoss', 'createMigration'].includes(name) || !String(err?.message).includes(SHADOW_CACHE_MISS)) throw err;
    await e.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
    return await e[name](params);
  }
}

function toRpcError(err) {
  if (err?.rpcCode) return { code: err.rpcCode, message: err.message };
  const panic = err instanceof WebAssembly.RuntimeError;
  // JS errors from the adapter reach the engine only as "External error id#N"; put the text back.
  const message = panic ? (globalThis.PRISMA_WASM_PANIC_REGISTRY.get() || String(err?.message))
    : String(err?.message ?? err).replace(/External error id#(\d+)/g, (m, id) => {
      const e = adapterFactory.errorRegistry.consumeError(Number(id))?.error;
      return e ? `${m}: ${e.message ?? e}` : m;
    });
  const error_code = !panic && typeof err?.code === 'string' ? err.code : null;
  if (panic) log('ERROR', message);
  return { code: 4466, message: 'An error happened. Check the data field for details.',
    data: { is_panic: panic, message, meta: err?.meta ?? null, error_code, ...(panic ? { error: { message } } : {}) } };
}

async function handle(req) {
  try {
    let result = await call(req.method, req.params);
    if (req.method === 'diff' && result?.stdout) {
      // The native engine prints through the CLI (so `--output` capture works) and returns no stdout.
      await askCli('print', { content: result.stdout });
      result = { ...result, stdout: null };
    }
    send({ id: req.id, result: result ?? {} });
  } catch (err) {
    send({ id: req.id, error: toRpcError(err) });
  }
}

let queue = Promise.resolve();
let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  for (const resolve of pending.values()) resolve(); // the CLI will not answer a print any more
  await queue.catch(() => {});
  await cleanup().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on('line', (line) => {
    if (!line.trim()) return;
    let msg;
    try { msg = JSON.parse(line); } catch { return send({ id: null, error: { code: -32700, message: 'Parse error' } }); }
    if (msg.method === undefined) return void (pending.get(msg.id)?.(msg.result), pending.delete(msg.id));
    // Serialize: the Wasm engine is not re-entrant.
    queue = queue.then(() => handle(msg));
  })
  .on('close', shutdown);
