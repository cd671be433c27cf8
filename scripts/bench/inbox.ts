// `npm run bench -- inbox [--quick] [--identities=N]`: the owner inbox page ("My reviews", /reviews) as
// served by the built app (`next start`; run `npm run build` first), for an owner with 1,000 pending
// items in a 250,000-item campaign on a 1M-identity inventory (the campaign benchmark's data, built
// again here). Goal: server p95 ≤ 300 ms. --quick: 10,000 identities; no goal applies.
// (`npm run bench -- campaign --with-page` measures the same page on the campaign benchmark's data;
// `--database=URL` measures it on a database left by `campaign --keep`, without building data again.)
import { benchDatabase } from "./bench-database";

const quick = process.argv.includes("--quick");
const { appBuilt } = await import("./inbox-page");
if (!appBuilt()) {
  console.error("Build the app first: npm run build");
  process.exit(1);
}

const reuse = process.argv.find((a) => a.startsWith("--database="))?.slice("--database=".length);
const database = reuse ? { url: reuse, stop: async () => {} } : await benchDatabase(quick ? "rollcall_bench_inbox_quick" : "rollcall_bench_inbox");
process.env.DATABASE_URL = database.url;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
const { identityCount, seedInventory, launchBenchCampaign, seconds } = await import("./campaign-data");
const { measureInboxPage } = await import("./inbox-page");
const { db, disconnectDb } = await import("../../lib/db");
const { stopBoss } = await import("../../lib/jobs/boss");
const { ensureQueues } = await import("../../lib/jobs/run-worker");

const identities = identityCount();
if (!reuse) console.log(`Inbox benchmark: ${identities.toLocaleString("en-US")} identities, ${(identities / 4).toLocaleString("en-US")}-item campaign, the built app over HTTP${quick ? " (--quick)" : ""}`);
try {
  if (reuse) {
    const owner = await db.user.findFirstOrThrow({ where: { email: "owner-000@bench.test" } });
    const pending = await db.reviewItem.count({ where: { reviewerId: owner.id, status: { in: ["PENDING", "ESCALATED"] } } });
    const items = await db.reviewItem.count({ where: { campaign: { name: "Bench quarter" } } });
    await measureInboxPage({ databaseUrl: database.url, ownerId: owner.id, pending, items, runs: quick ? 30 : 100 });
  } else {
    await ensureQueues();
    const t = performance.now();
    const inventory = await seedInventory(identities);
    const launch = await launchBenchCampaign(inventory);
    console.log(`data: ${identities.toLocaleString("en-US")} identities and a ${launch.frozen.toLocaleString("en-US")}-item campaign in ${seconds(performance.now() - t)} (not the measured part)`);
    const pending = await db.reviewItem.count({ where: { reviewerId: inventory.owner.id, status: "PENDING" } });
    await measureInboxPage({ databaseUrl: database.url, ownerId: inventory.owner.id, pending, items: launch.frozen, runs: quick ? 30 : 100 });
  }
} finally {
  await stopBoss();
  await disconnectDb();
  await database.stop();
}
