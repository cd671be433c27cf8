import catalogJson from "@/lib/evidence/controls.json";

// The verified control catalog (a copy of docs/controls.json with its sources). Packs cover the four
// frameworks below; OWASP NHI risks are used as tags on findings.

export type CatalogControl = { id: string; title: string; titleKind?: string; relevance?: string; outcome?: string; summary: string; appliesTo?: string[] };
type CatalogFramework = { id: string; name: string; version: string; source: string; controls: CatalogControl[] };
const catalog = catalogJson as unknown as { schemaVersion: string; generatedAt: string; frameworks: CatalogFramework[] };

export const PACK_FRAMEWORKS = ["soc2-tsc-2017-rev2022", "iso27001-2022", "nist-sp-800-53-r5", "nist-csf-2.0"] as const;
export type FrameworkId = (typeof PACK_FRAMEWORKS)[number];

export const FRAMEWORK_LABEL: Record<FrameworkId, string> = {
  "soc2-tsc-2017-rev2022": "SOC 2",
  "iso27001-2022": "ISO/IEC 27001:2022",
  "nist-sp-800-53-r5": "NIST SP 800-53 Rev. 5",
  "nist-csf-2.0": "NIST CSF 2.0",
};

export type PackControl = { frameworkId: FrameworkId; framework: string; id: string; title: string; relevance: string };

/** The controls of the pack's frameworks, in catalog order (relevance "not-applicable" is left out). */
export function packControls(): PackControl[] {
  const out: PackControl[] = [];
  for (const fw of catalog.frameworks) {
    if (!(PACK_FRAMEWORKS as readonly string[]).includes(fw.id)) continue;
    for (const c of fw.controls) {
      if (c.relevance === "not-applicable") continue;
      // CSF subcategories have no short title: the official outcome text is what identifies them.
      const title = fw.id === "nist-csf-2.0" && c.outcome ? c.outcome : c.title;
      out.push({ frameworkId: fw.id as FrameworkId, framework: FRAMEWORK_LABEL[fw.id as FrameworkId], id: c.id, title, relevance: c.relevance ?? "supporting" });
    }
  }
  return out;
}

export function frameworksCovered() {
  return catalog.frameworks
    .filter((fw) => (PACK_FRAMEWORKS as readonly string[]).includes(fw.id))
    .map((fw) => ({ id: fw.id, name: fw.name, version: fw.version }));
}

export const catalogVersion = () => ({ schemaVersion: catalog.schemaVersion, generatedAt: catalog.generatedAt });

const owasp = new Map((catalog.frameworks.find((f) => f.id === "owasp-nhi-top10-2025")?.controls ?? []).map((c) => [c.id, c.title]));

/** Which OWASP Top 10 NHI risks (2025) a finding of this trigger kind points at. */
const owaspByTrigger: Record<string, string[]> = {
  NEW_IDENTITY: ["NHI1:2025", "NHI3:2025"],
  ORPHANED: ["NHI1:2025"],
  DORMANT: ["NHI1:2025"],
  REACTIVATED: ["NHI1:2025"],
  PERMISSION_EXPANSION: ["NHI5:2025"],
  CREDENTIAL_CREATED: ["NHI7:2025"],
  CREDENTIAL_MAX_AGE: ["NHI7:2025"],
  CREDENTIAL_EXPIRING: ["NHI7:2025"],
  HUMAN_USE: ["NHI10:2025"],
  ENVIRONMENT_MISMATCH: ["NHI8:2025"],
  NEW_SOURCE_IP: ["NHI2:2025"],
  NEW_REGION: ["NHI2:2025"],
  NEW_USER_AGENT: ["NHI2:2025", "NHI10:2025"],
  TOKEN_SPIKE: ["NHI2:2025"],
  API_VOLUME_SPIKE: ["NHI2:2025"],
};

export function owaspTags(triggerKind: string): string[] {
  return (owaspByTrigger[triggerKind] ?? []).filter((id) => owasp.has(id)).map((id) => `${id} ${owasp.get(id)}`);
}
