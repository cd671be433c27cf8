// `rollcall evidence verify PACK.zip [--fingerprint HEX] [--json]`: checks a pack offline (signature,
// every file's SHA-256, size and record count, unlisted files, the audit hash chain). Exit 0 only
// when everything holds; otherwise prints the first problem (and the rest) and exits 1.
import { existsSync } from "node:fs";
import { verifyPack } from "../../lib/evidence/verify-pack";

const USAGE = `Usage: rollcall evidence verify PACK.zip [--fingerprint SHA256_HEX] [--json]

  --fingerprint  the workspace's signing-key fingerprint (Rollcall > Evidence); without it the pack is
                 only checked against the key it carries, so compare the printed fingerprint yourself.
  --json         print the full report as JSON.`;

export async function evidenceCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "verify") {
    console.error(USAGE);
    return sub === "--help" || sub === "-h" ? 0 : 2;
  }
  let file: string | undefined;
  let fingerprint: string | undefined;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--fingerprint") fingerprint = rest[++i];
    else if (arg === "--json") json = true;
    else if (!file) file = arg;
    else {
      console.error(`Unexpected argument: ${arg}\n\n${USAGE}`);
      return 2;
    }
  }
  if (!file || (rest.includes("--fingerprint") && !fingerprint)) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const report = await verifyPack(file, { expectedFingerprint: fingerprint });
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  if (report.ok) {
    console.log(`VERIFIED: pack ${report.packId}`);
    console.log(`  signature valid; ${report.filesChecked} files match their SHA-256, size and record count; audit chain intact (${report.auditEvents} events).`);
    console.log(`  signing key fingerprint: ${report.fingerprint}${fingerprint ? " (as expected)" : " - compare it with the one Rollcall shows under Evidence"}`);
    return 0;
  }
  const [first, ...others] = report.problems;
  console.log(`NOT VERIFIED: pack ${report.packId ?? "(unreadable)"}`);
  console.log(`  first problem: ${first!.file ? `${first!.file}: ` : ""}${first!.message}`);
  for (const p of others) console.log(`  also: ${p.file ? `${p.file}: ` : ""}${p.message}`);
  return 1;
}

if (process.argv[1]?.endsWith("evidence.ts")) {
  process.exit(await evidenceCommand(process.argv.slice(2)));
}
