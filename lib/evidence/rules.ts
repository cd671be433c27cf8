import type { PackControl } from "@/lib/evidence/catalog";

// Control status from what happened in the pack's scope, not from a static list: each mapped control
// names the checks it needs; each check reads the facts gathered while the pack was built. Pure.

export type ControlFacts = {
  items: { total: number; decided: number; undecidedSample: string[]; withoutReviewer: number; decidedLate: number; privileged: number; privilegedUndecided: number; orphaned: number; orphanedUndecided: number };
  decisions: { attest: number; revoke: number; reduce: number; exception: number; reassign: number; selfReview: number; selfReviewSample: string[] };
  /** REVOKE/REDUCE decisions and their remediation tasks. */
  remediation: { required: number; verified: number; explained: number; verifiedLate: number; unverifiedSample: string[] };
  exceptions: { total: number; withoutJustification: number; beyondPolicy: number; expiredUnreviewed: number; sample: string[] };
  findings: { total: number; onUndecidedItems: number };
  population: { sources: number; sourcesWithoutExtraction: string[]; unexplainedDifferences: string[] };
  campaigns: { total: number; open: number; notSignedOff: number; closedLate: number };
  auditChain: { ok: boolean; events: number; firstSeq: number | null; headSeq: number | null; broken?: string };
};

export type CheckState = "ok" | "partial" | "fail" | "absent";
export type CheckOutcome = { state: CheckState; why: string; files: string[] };
export type ControlStatus = "met" | "partially met" | "not met" | "not evidenced";

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const eg = (sample: string[]) => (sample.length ? ` (e.g. ${sample.slice(0, 3).join(", ")})` : "");

export const checks = {
  complete(f: ControlFacts): CheckOutcome {
    const files = ["population/snapshot.csv", "decisions.csv"];
    if (f.items.total === 0) return { state: "absent", why: "no review items in scope", files };
    const undecided = f.items.total - f.items.decided;
    if (undecided > 0) return { state: "fail", why: `${undecided} of ${n(f.items.total, "in-scope item")} ${undecided === 1 ? "has" : "have"} no decision${eg(f.items.undecidedSample)}`, files };
    return { state: "ok", why: `all ${n(f.items.total, "in-scope item")} decided`, files };
  },
  remediated(f: ControlFacts): CheckOutcome {
    const files = ["decisions.csv", "remediation.csv"];
    const r = f.remediation;
    if (r.required === 0) return { state: "ok", why: "no revoke or reduce decision needed remediation", files };
    const closed = r.verified + r.explained;
    if (closed < r.required) return { state: "partial", why: `${r.required - closed} of ${n(r.required, "revoke/reduce decision")} not verified as carried out${eg(r.unverifiedSample)}`, files };
    return { state: "ok", why: `${r.verified} of ${n(r.required, "revoke/reduce decision")} remediated and verified${r.explained ? `, ${r.explained} explained` : ""}`, files };
  },
  withinSla(f: ControlFacts): CheckOutcome {
    const files = ["remediation.csv"];
    const r = f.remediation;
    if (r.required === 0) return { state: "absent", why: "no remediation was needed", files };
    if (r.verifiedLate > 0) return { state: "partial", why: `${n(r.verifiedLate, "remediation")} verified after the SLA`, files };
    if (r.verified < r.required) return { state: "partial", why: `${r.required - r.verified} remediation(s) not yet verified`, files };
    return { state: "ok", why: `all ${n(r.required, "remediation")} verified within the SLA`, files };
  },
  separationOfDuties(f: ControlFacts): CheckOutcome {
    const files = ["reviewer-metrics.csv", "decisions.csv"];
    if (f.items.total === 0) return { state: "absent", why: "no review items in scope", files };
    if (f.decisions.selfReview > 0) return { state: "fail", why: `${n(f.decisions.selfReview, "decision")} made by the person whose own change was under review${eg(f.decisions.selfReviewSample)}`, files };
    if (f.items.withoutReviewer > 0) return { state: "partial", why: `${n(f.items.withoutReviewer, "item")} had no assigned reviewer`, files };
    return { state: "ok", why: "no self-review; every item had an assigned reviewer", files };
  },
  privileged(f: ControlFacts): CheckOutcome {
    const files = ["population/snapshot.csv", "decisions.csv", "remediation.csv"];
    if (f.items.privileged === 0) return { state: "absent", why: "no privileged identities in scope", files };
    if (f.items.privilegedUndecided > 0) return { state: "fail", why: `${f.items.privilegedUndecided} of ${n(f.items.privileged, "privileged item")} undecided`, files };
    return { state: "ok", why: `all ${n(f.items.privileged, "privileged item")} decided`, files };
  },
  orphans(f: ControlFacts): CheckOutcome {
    const files = ["population/snapshot.csv", "decisions.csv"];
    if (f.items.orphaned === 0) return { state: "absent", why: "no identity in scope was without an active owner", files };
    if (f.items.orphanedUndecided > 0) return { state: "fail", why: `${f.items.orphanedUndecided} of ${n(f.items.orphaned, "orphaned identity", "orphaned identities")} undecided`, files };
    return { state: "ok", why: `all ${n(f.items.orphaned, "orphaned identity", "orphaned identities")} decided`, files };
  },
  exceptions(f: ControlFacts): CheckOutcome {
    const files = ["exceptions.csv"];
    const e = f.exceptions;
    if (e.total === 0) return { state: "absent", why: "no exceptions were granted", files };
    const problems = [
      e.withoutJustification && `${e.withoutJustification} without justification`,
      e.beyondPolicy && `${e.beyondPolicy} longer than the policy allows`,
      e.expiredUnreviewed && `${e.expiredUnreviewed} expired without a new review`,
    ].filter(Boolean);
    if (problems.length) return { state: "partial", why: `${n(e.total, "exception")}: ${problems.join("; ")}${eg(e.sample)}`, files };
    return { state: "ok", why: `${n(e.total, "exception")}, each justified and time-bound within policy`, files };
  },
  population(f: ControlFacts): CheckOutcome {
    const files = ["population/snapshot.csv", "population/extraction.json"];
    if (f.items.total === 0) return { state: "absent", why: "no population was reviewed", files };
    const missing = f.population.sourcesWithoutExtraction;
    if (missing.length) return { state: "partial", why: `no extraction record for ${n(missing.length, "source")}${eg(missing)}`, files };
    return { state: "ok", why: `frozen snapshot of ${n(f.items.total, "item")} from ${n(f.population.sources, "source")}, each with its extraction record`, files };
  },
  reconciled(f: ControlFacts): CheckOutcome {
    const files = ["population/reconciliation.csv"];
    if (f.population.sources === 0) return { state: "absent", why: "no sources in scope", files };
    const off = f.population.unexplainedDifferences;
    if (off.length) return { state: "partial", why: `unexplained count differences for ${n(off.length, "source")}${eg(off)}`, files };
    return { state: "ok", why: `${n(f.population.sources, "source")} reconciled against source totals`, files };
  },
  timely(f: ControlFacts): CheckOutcome {
    const files = ["decisions.csv", "summary.pdf"];
    if (f.items.total === 0) return { state: "absent", why: "no review items in scope", files };
    const late = [
      f.items.decidedLate && `${n(f.items.decidedLate, "item")} decided after its due date`,
      f.campaigns.closedLate && `${n(f.campaigns.closedLate, "campaign")} closed after its due date`,
    ].filter(Boolean);
    if (late.length) return { state: "partial", why: late.join("; "), files };
    return { state: "ok", why: "decisions made by their due dates", files };
  },
  signedOff(f: ControlFacts): CheckOutcome {
    const files = ["summary.pdf"];
    if (f.campaigns.total === 0) return { state: "absent", why: "no campaign in scope", files };
    if (f.campaigns.open > 0) return { state: "partial", why: `${n(f.campaigns.open, "campaign")} still open`, files };
    if (f.campaigns.notSignedOff > 0) return { state: "partial", why: `${n(f.campaigns.notSignedOff, "campaign")} closed without sign-off`, files };
    return { state: "ok", why: "closed and signed off", files };
  },
  findingsActed(f: ControlFacts): CheckOutcome {
    const files = ["findings.csv", "decisions.csv"];
    if (f.findings.total === 0) return { state: "absent", why: "no trigger findings in scope", files };
    if (f.findings.onUndecidedItems > 0) return { state: "partial", why: `${f.findings.onUndecidedItems} of ${n(f.findings.total, "finding")} on items still undecided`, files };
    return { state: "ok", why: `${n(f.findings.total, "finding")} reviewed and decided`, files };
  },
  auditChain(f: ControlFacts): CheckOutcome {
    const files = ["audit-log.jsonl", "manifest.json"];
    if (!f.auditChain.ok) return { state: "fail", why: `audit chain broken: ${f.auditChain.broken ?? "unknown"}`, files };
    if (f.auditChain.events === 0) return { state: "absent", why: "no audit events in the period", files };
    return { state: "ok", why: `hash chain intact for events #${f.auditChain.firstSeq}–#${f.auditChain.headSeq}; manifest signed`, files };
  },
} satisfies Record<string, (f: ControlFacts) => CheckOutcome>;

export type CheckId = keyof typeof checks;

/** Control → the checks it needs; the first one decides whether the pack evidences the control at all. */
export const controlRules: Record<string, CheckId[]> = {
  // SOC 2
  "soc2-tsc-2017-rev2022/CC6.1": ["population", "remediated"],
  "soc2-tsc-2017-rev2022/CC6.2": ["complete", "remediated"],
  "soc2-tsc-2017-rev2022/CC6.3": ["complete", "remediated", "separationOfDuties"],
  "soc2-tsc-2017-rev2022/CC7.2": ["findingsActed"],
  "soc2-tsc-2017-rev2022/CC5.3": ["complete", "timely", "signedOff", "separationOfDuties"],
  "soc2-tsc-2017-rev2022/CC2.1": ["population", "reconciled", "auditChain"],
  "soc2-tsc-2017-rev2022/CC4.2": ["withinSla", "remediated"],
  // ISO/IEC 27001:2022
  "iso27001-2022/A.5.15": ["complete", "timely"],
  "iso27001-2022/A.5.16": ["population", "remediated"],
  "iso27001-2022/A.5.18": ["complete", "remediated", "signedOff"],
  "iso27001-2022/A.8.2": ["privileged", "remediated"],
  "iso27001-2022/A.5.9": ["population", "reconciled"],
  "iso27001-2022/A.8.15": ["auditChain"],
  "iso27001-2022/A.8.16": ["findingsActed"],
  "iso27001-2022/A.5.3": ["separationOfDuties"],
  "iso27001-2022/A.6.5": ["orphans", "remediated"],
  "iso27001-2022/A.5.33": ["auditChain"],
  "iso27001-2022/7.5.3": ["auditChain"],
  "iso27001-2022/9.1": ["signedOff", "timely"],
  "iso27001-2022/10.2": ["withinSla", "remediated"],
  // NIST SP 800-53 Rev. 5 (AC-2 covers AC-2 j, the periodic account review)
  "nist-sp-800-53-r5/AC-2": ["complete", "remediated", "population"],
  "nist-sp-800-53-r5/AC-2(3)": ["orphans", "remediated"],
  "nist-sp-800-53-r5/AC-2(4)": ["auditChain"],
  "nist-sp-800-53-r5/AC-2(7)": ["privileged", "remediated"],
  "nist-sp-800-53-r5/AC-2(12)": ["findingsActed"],
  "nist-sp-800-53-r5/AC-5": ["separationOfDuties"],
  "nist-sp-800-53-r5/AC-6": ["complete", "remediated"],
  "nist-sp-800-53-r5/AC-6(5)": ["privileged", "remediated"],
  "nist-sp-800-53-r5/AC-6(7)": ["complete", "remediated"],
  "nist-sp-800-53-r5/AU-3": ["auditChain"],
  "nist-sp-800-53-r5/AU-9": ["auditChain"],
  "nist-sp-800-53-r5/CM-8": ["population", "reconciled"],
  "nist-sp-800-53-r5/CA-7": ["findingsActed"],
  "nist-sp-800-53-r5/PS-4": ["orphans", "remediated"],
  // NIST CSF 2.0
  "nist-csf-2.0/PR.AA-01": ["population", "remediated"],
  "nist-csf-2.0/PR.AA-05": ["complete", "remediated", "separationOfDuties"],
  "nist-csf-2.0/ID.AM-02": ["population", "reconciled"],
  "nist-csf-2.0/ID.AM-08": ["remediated"],
  "nist-csf-2.0/GV.RR-02": ["separationOfDuties"],
  "nist-csf-2.0/ID.RA-07": ["exceptions"],
  "nist-csf-2.0/PR.PS-04": ["auditChain"],
  "nist-csf-2.0/DE.CM-03": ["findingsActed"],
};

export type ControlRow = PackControl & { status: ControlStatus; why: string; files: string[] };

/** One control's status: primary check absent → not evidenced; any fail → not met; any partial → partially met. */
export function controlStatus(ruleChecks: CheckId[] | undefined, facts: ControlFacts, relevance: string): { status: ControlStatus; why: string; files: string[] } {
  if (!ruleChecks?.length) {
    const why = relevance === "conditional" ? "not evidenced by an access-review pack (conditional: only if that scope is reviewed)" : "not evidenced by an access-review pack; evidence lives in other processes";
    return { status: "not evidenced", why, files: [] };
  }
  const outcomes = ruleChecks.map((id) => checks[id](facts));
  const files = [...new Set(outcomes.flatMap((o) => o.files))];
  if (outcomes[0]!.state === "absent") return { status: "not evidenced", why: outcomes[0]!.why, files };
  const fails = outcomes.filter((o) => o.state === "fail");
  if (fails.length) return { status: "not met", why: fails.map((o) => o.why).join("; "), files };
  const partials = outcomes.filter((o) => o.state === "partial");
  if (partials.length) return { status: "partially met", why: partials.map((o) => o.why).join("; "), files };
  return { status: "met", why: outcomes.filter((o) => o.state === "ok").map((o) => o.why).join("; "), files };
}

export function evaluateControls(controls: PackControl[], facts: ControlFacts): ControlRow[] {
  return controls.map((c) => ({ ...c, ...controlStatus(controlRules[`${c.frameworkId}/${c.id}`], facts, c.relevance) }));
}
