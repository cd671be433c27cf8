// `npm run bench -- campaign [--quick] [--identities=N] [--keep]`: on an inventory of 1M identities
// (1 credential, 3 entitlements each), launches a campaign whose scope selects 250,000 of them
// (population census + the bulk freeze job with snapshots, as in production; goal ≤ 30 s), then times
// the owner inbox query (listInbox, as the page and the API call it) of a reviewer with 1,000 pending
// items (goal p95 ≤ 300 ms). The whole page over HTTP is `npm run bench -- inbox`; --with-page also
// measures it here, on this run's data (needs the built app). --quick: 10,000 identities; no goal applies.
import { benchDatabase } from "./bench-database";
import { reportFigure } from "./report";

const quick = process.argv.includes("--quick");
const keep = process.argv.includes("--keep");
const withPage = process.argv.includes("--with-page");
const inboxRuns = quick ? 20 : 100;

// --database=URL: a database left by `--keep` (its inventory reused, its campaign deleted and launched again).
const reuse = process.argv.find((a) => a.startsWith("--database="))?.slice("--database=".length);
const database = reuse ? { url: reuse, stop: async () => {} } : await benchDatabase(quick ? "rollcall_bench_campaign_quick" : "rollcall_bench_campaign");
process.env.DATABASE_URL = database.url;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
const { identityCount, seedInventory, reuseInventory, launchBenchCampaign, seconds, percentile } = await import("./campaign-data");
const { db, disconnectDb } = await import("../../lib/db");
const { ensureQueues } = await import("../../lib/jobs/run-worker");
const { stopBoss } = await import("../../lib/jobs/boss");
const { listInbox } = await import("../../lib/reviews/queries");
const { getItemPage } = await import("../../lib/reviews/item-queries");
const { decide } = await import("../../lib/reviews/decide");
const { inboxFilter } = await import("../../lib/reviews/schema");

const reused = reuse ? await reuseInventory() : null;
const identities = reused?.identities ?? identityCount();
console.log(`Campaign benchmark: ${identities.toLocaleString("en-US")} identities, ${(identities / 4).toLocaleString("en-US")} in scope${quick ? " (--quick)" : ""}${reuse ? " (inventory reused)" : ""}`);
try {
  await ensureQueues();
  const t = performance.now();
  const inventory = reused?.inventory ?? (await seedInventory(identities));
  if (!reused) console.log(`inventory: ${identities.toLocaleString("en-US")} identities, ${identities.toLocaleString("en-US")} credentials, ${(identities * 3).toLocaleString("en-US")} entitlements in ${seconds(performance.now() - t)} (not the measured part)`);

  // 1. Launch: census + claim (the request), then the freeze job (INSERT … SELECT in chunks with snapshots).
  const launch = await launchBenchCampaign(inventory);
  const launchMs = launch.requestMs + launch.freezeMs;
  console.log(`launch request (census of ${launch.total.toLocaleString("en-US")} + population record + claim): ${seconds(launch.requestMs)}`);
  console.log(`freeze job: ${launch.frozen.toLocaleString("en-US")} review items with snapshots in ${seconds(launch.freezeMs)} (${Math.round(launch.frozen / (launch.freezeMs / 1000)).toLocaleString("en-US")} items/s)`);
  if (launch.frozen !== launch.total) throw new Error(`froze ${launch.frozen} items of ${launch.total}`);
  reportFigure({
    bench: "campaign", measure: `launch a ${launch.total.toLocaleString("en-US")}-item campaign on ${identities.toLocaleString("en-US")} identities`, value: Math.round(launchMs / 100) / 10, unit: "s",
    goal: "≤ 30 s", met: launchMs <= 30_000, detail: `request ${seconds(launch.requestMs)} + freeze job ${seconds(launch.freezeMs)}, ${Math.round(launch.frozen / (launch.freezeMs / 1000)).toLocaleString("en-US")} items/s`,
  });

  // 2. The owner inbox: page 1 and 2 (100 rows each) unfiltered, and page 1 filtered by kind, after a warm-up.
  const { ws, owner, ownerActor } = inventory;
  const pending = await db.reviewItem.count({ where: { campaignId: launch.campaignId, reviewerId: owner.id, status: "PENDING" } });
  const filter = inboxFilter.parse({});
  const view = (i: number) => listInbox(ws.id, owner.id, i % 3 === 2 ? inboxFilter.parse({ kind: "API_KEY" }) : filter, 1 + (i % 2));
  for (let i = 0; i < 3; i++) await view(i);
  const times: number[] = [];
  for (let i = 0; i < inboxRuns; i++) {
    const s = performance.now();
    await view(i);
    times.push(performance.now() - s);
  }
  const p95 = percentile(times, 95);
  console.log(`owner inbox query (${pending.toLocaleString("en-US")} pending; page of 100; ${inboxRuns} runs): p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`);
  reportFigure({
    bench: "campaign", measure: `owner inbox query (listInbox), ${pending.toLocaleString("en-US")} pending in a ${launch.total.toLocaleString("en-US")}-item campaign, p95`, value: Math.round(p95), unit: "ms",
    goal: "≤ 300 ms", met: p95 <= 300, detail: `p50 ${percentile(times, 50).toFixed(0)} ms, ${inboxRuns} runs, pages 1–2 and a kind filter`,
  });

  // 3. The item page and one decision at this size (printed, not a goal).
  const first = (await listInbox(ws.id, owner.id, filter, 1)).items[0]!;
  const pageTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    await getItemPage(ownerActor, first.id);
    pageTimes.push(performance.now() - s);
  }
  const d = performance.now();
  await decide(ownerActor, { itemId: first.id, decision: "ATTEST" }, "WEB");
  console.log(`item page: p95 ${percentile(pageTimes, 95).toFixed(0)} ms; one decide(): ${(performance.now() - d).toFixed(0)} ms`);

  // 4. --with-page: the inbox page itself, over HTTP from the built app, on this data.
  if (withPage) {
    const { measureInboxPage } = await import("./inbox-page");
    await measureInboxPage({ databaseUrl: database.url, ownerId: owner.id, pending: pending - 1, items: launch.frozen, runs: quick ? 30 : 100 });
  }
} finally {
  await stopBoss();
  await disconnectDb();
  // --keep leaves the database for EXPLAIN (only meaningful with DATABASE_URL pointing at a server).
  if (!keep) await database.stop();
}
