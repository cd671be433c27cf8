/**
 * Who must not review an identity's findings, for the reviewer resolution in lib/reviews (owner →
 * team lead → fallback, skipping excluded people). Nobody reviews a change they made; when the owner
 * made it, the item goes to the workspace fallback reviewer (separation of duties), so the team lead
 * is passed over too — unless there is no usable fallback, when the lead is the next best.
 */
export function reviewExclusions(c: { ownerId: string | null; teamLeadId: string | null; fallbackId: string | null; changedBy: string[] }): string[] {
  const out = new Set(c.changedBy);
  const ownerChanged = c.ownerId !== null && out.has(c.ownerId);
  if (ownerChanged && c.teamLeadId && c.fallbackId && !out.has(c.fallbackId)) out.add(c.teamLeadId);
  return [...out];
}
