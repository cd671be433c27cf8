// What `rollcall import` prints, in both modes (direct database and API).
import type { RowIssue } from "../../lib/inventory/formats/types";

export type Summary = { seen: number; added: number; changed: number; removed: number; credentials?: Record<string, number>; entitlements?: Record<string, number>; owners?: Record<string, number>; baseline?: boolean; remediation?: { verified: number } };

export function printSummary(s: Summary, syncId: string) {
  console.log(`\nSync ${syncId} applied: ${s.seen} seen, ${s.added} added, ${s.changed} changed, ${s.removed} removed${s.baseline ? " (first load of this source)" : ""}`);
  if (s.credentials) console.log(`  credentials: ${s.credentials.created ?? 0} created, ${s.credentials.rotated ?? 0} rotated, ${s.credentials.removed ?? 0} removed`);
  if (s.entitlements) console.log(`  entitlements: ${s.entitlements.granted ?? 0} granted, ${s.entitlements.removed ?? 0} removed`);
  if (s.owners) console.log(`  owners changed: ${s.owners.changed ?? 0}`);
  if (s.remediation?.verified) console.log(`  remediation tasks verified by this sync: ${s.remediation.verified}`);
}

export function printErrors(errors: RowIssue[]) {
  console.error(`\nThe file was refused; nothing was applied. ${errors.length} problem${errors.length === 1 ? "" : "s"}:`);
  for (const e of errors) console.error(`  line ${e.line ?? "-"}, ${e.column ?? "-"}: ${e.reason}`);
}

export const progressLine = (phase: string, parsed: number, applied: number) => {
  const line = `  ${phase.padEnd(9)} rows parsed ${parsed.toLocaleString("en-US")} · identities applied ${applied.toLocaleString("en-US")}`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
  else console.log(line);
};
