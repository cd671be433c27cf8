import type { InventoryFilter } from "@/lib/inventory/queries";

type Patch = Partial<Record<keyof InventoryFilter, string | number | boolean | undefined | null>>;

/** The inventory URL for a filter with some fields changed; a changed filter goes back to page 1. */
export function inventoryHref(filter: InventoryFilter, patch: Patch = {}): string {
  const merged: Record<string, unknown> = { ...filter, page: undefined, ...patch };
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === false || value === "") continue;
    if (key === "page" && value === 1) continue;
    q.set(key, value === true ? "1" : String(value));
  }
  const text = q.toString();
  return text ? `/inventory?${text}` : "/inventory";
}

/** Every filter as plain strings, for the pager's links. */
export function filterParams(filter: InventoryFilter): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === "page" || value === undefined || value === null) continue;
    out[key] = value === true ? "1" : String(value);
  }
  return out;
}
