import { rgb } from "pdf-lib";
import { PdfLayout } from "@/lib/evidence/pdf-layout";
import type { CampaignRow, Figures } from "@/lib/evidence/facts";
import type { ControlFacts, ControlRow } from "@/lib/evidence/rules";
import type { WorkspacePolicy } from "@/lib/workspaces/policy";

// summary.pdf: the narrative an auditor reads first. Every figure comes from the same facts as the CSVs.

export type SummaryInput = {
  packId: string; workspaceName: string; scopeLine: string; generatedAt: string; periodStart: string | null; periodEnd: string | null;
  policy: WorkspacePolicy; campaigns: CampaignRow[]; facts: ControlFacts; figures: Figures; controls: ControlRow[]; fingerprint: string;
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "-");
const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : "-");
const DAY = 86_400_000;

export async function renderSummaryPdf(s: SummaryInput): Promise<Uint8Array> {
  const pdf = await PdfLayout.create(`Rollcall evidence pack ${s.packId} - ${s.workspaceName}`);
  pdf.doc.setTitle(`Access review evidence - ${s.scopeLine}`);
  pdf.doc.setProducer("Rollcall");
  pdf.doc.setCreationDate(new Date(s.generatedAt));
  const f = s.facts;

  pdf.text("Machine-identity access review: evidence summary", { size: 17, bold: true });
  pdf.gap(4);
  pdf.text(s.scopeLine, { size: 11 });
  pdf.gap(6);
  pdf.pairs([
    ["Workspace", s.workspaceName],
    ["Pack", s.packId],
    ["Audit period", `${day(s.periodStart)} to ${day(s.periodEnd)}`],
    ["Generated (UTC)", s.generatedAt],
    ["Signing key (SHA-256)", s.fingerprint],
  ]);

  pdf.heading("Control as performed");
  pdf.text("Owners (or their managers or the fallback reviewer when the owner left) attest, reduce, revoke or time-box each machine identity in scope, "
    + "deciding on a snapshot frozen at launch. Nobody reviews a change they made themselves. Revocations and reductions become remediation tasks "
    + "that are verified against the next inventory sync. Every step is written to a hash-chained audit log.");

  pdf.heading("Scope and dates vs policy");
  pdf.table(["Campaign", "Kind", "Items", "Launched", "Due", "Closed", "On time"], [0.3, 0.12, 0.1, 0.12, 0.12, 0.12, 0.12], s.campaigns.map((c) => [
    c.name, c.kind.toLowerCase(), String(c.items), day(c.launchedAt), day(c.dueAt), day(c.closedAt),
    c.kind === "CONTINUOUS" ? "per item" : !c.dueAt ? "-" : c.closedAt ? (c.closedAt <= c.dueAt ? "yes" : "late") : "open",
  ]));
  pdf.gap(6);
  pdf.pairs([
    ["Review frequency (policy)", `high risk every ${s.policy.reviewFrequencyDays.high} days, medium ${s.policy.reviewFrequencyDays.medium}, low ${s.policy.reviewFrequencyDays.low}`],
    ["Remediation SLA (policy)", `${s.policy.remediationSlaDays} days`],
    ["Exception maximum (policy)", `${s.policy.exceptionMaxDays} days`],
    ["Default on non-response", s.policy.defaultOnNoResponse.replace("_", " ").toLowerCase()],
  ]);

  pdf.heading("Counts");
  pdf.pairs([
    ["Items in scope", String(f.items.total)],
    ["Decided", `${f.items.decided} (${pct(f.items.decided, f.items.total)})`],
    ["Undecided", String(f.items.total - f.items.decided)],
    ["Privileged identities", `${f.items.privileged} (${f.items.privilegedUndecided} undecided)`],
    ["Orphaned identities", `${f.items.orphaned} (${f.items.orphanedUndecided} undecided)`],
    ["Sources", String(f.population.sources)],
    ["Findings behind items", String(f.findings.total)],
  ]);

  pdf.heading("Decision mix");
  const k = s.figures.decisionsByKind;
  pdf.bars([
    { label: "Keep (attest)", value: k.ATTEST ?? 0, color: rgb(0.13, 0.55, 0.33) },
    { label: "Revoke", value: k.REVOKE ?? 0, color: rgb(0.78, 0.18, 0.18) },
    { label: "Reduce", value: k.REDUCE ?? 0, color: rgb(0.85, 0.5, 0.1) },
    { label: "Exception", value: k.EXCEPTION ?? 0, color: rgb(0.45, 0.3, 0.75) },
    { label: "Not mine (reassign)", value: k.REASSIGN ?? 0, color: rgb(0.35, 0.45, 0.6) },
    { label: "Undecided", value: f.items.total - f.items.decided, color: rgb(0.85, 0.65, 0.1) },
  ]);
  pdf.gap(4);
  const channels = Object.entries(s.figures.decisionsByChannel).map(([c, n]) => `${c.toLowerCase()} ${n}`).join(", ");
  pdf.text(`Channels: ${channels || "none"}.`);

  pdf.heading("Timeliness");
  pdf.pairs([
    ["Decided by the item's due date", `${s.figures.decidedOnTime} of ${f.items.decided} (${pct(s.figures.decidedOnTime, f.items.decided)})`],
    ["Decided late", String(f.items.decidedLate)],
    ["Campaigns closed late or overdue", String(f.campaigns.closedLate)],
  ]);

  pdf.heading("Remediation and SLA adherence");
  const r = f.remediation;
  const byStatus = Object.entries(s.figures.remediationByStatus).map(([st, n]) => `${st.toLowerCase()} ${n}`).join(", ");
  pdf.pairs([
    ["Revoke/reduce decisions", String(r.required)],
    ["Verified as carried out", `${r.verified} (${pct(r.verified, r.required)})`],
    ["Verified within SLA", `${r.verified - r.verifiedLate} (${pct(r.verified - r.verifiedLate, r.required)})`],
    ["Task status", byStatus || "none"],
  ]);

  pdf.heading("Exceptions");
  const e = f.exceptions;
  pdf.pairs([
    ["Exceptions granted", String(e.total)],
    ["Without justification", String(e.withoutJustification)],
    ["Longer than policy", String(e.beyondPolicy)],
    ["Expired, not re-reviewed", String(e.expiredUnreviewed)],
  ]);
  pdf.text("Each exception with its expiry is listed in exceptions.csv.", { size: 8.5 });

  pdf.heading("Reviewer independence");
  pdf.pairs([
    ["Self-review decisions", `${f.decisions.selfReview} (must be 0)`],
    ["Items without a reviewer", String(f.items.withoutReviewer)],
  ]);
  pdf.text("Per-reviewer pace, batch sizes and attest rates (rubber-stamp indicators) are in reviewer-metrics.csv.", { size: 8.5 });

  pdf.heading("Sign-off");
  for (const c of s.campaigns.filter((x) => x.kind === "SCHEDULED")) {
    pdf.text(c.signedOffAt ? `${c.name}: signed off by ${c.signedOffBy ?? "unknown"} on ${c.signedOffAt}. "${c.signOffStatement ?? ""}"` : `${c.name}: not signed off.`);
  }
  if (!s.campaigns.some((x) => x.kind === "SCHEDULED")) pdf.text("Continuous review only: items are decided one by one; there is no campaign sign-off.");

  pdf.heading("Controls");
  const counts = s.controls.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.status]: (acc[c.status] ?? 0) + 1 }), {});
  pdf.text(`Met ${counts.met ?? 0} - partially met ${counts["partially met"] ?? 0} - not met ${counts["not met"] ?? 0} - not evidenced ${counts["not evidenced"] ?? 0}. Full table with evidence files: controls.csv.`);
  pdf.gap(4);
  pdf.table(["Framework", "Control", "Status", "Why"], [0.17, 0.1, 0.13, 0.6], s.controls.filter((c) => c.status !== "not evidenced").map((c) => [c.framework, c.id, c.status, c.why]), 7.5);
  pdf.gap(8);
  const ageDays = s.periodEnd && s.periodStart ? Math.round((Date.parse(s.periodEnd) - Date.parse(s.periodStart)) / DAY) : null;
  pdf.text(`Period length: ${ageDays ?? "-"} days. Times are UTC. Verify this pack as README.txt describes.`, { size: 8 });
  return pdf.save();
}
