import type { CampaignStatus } from "@/prisma/generated/enums";
import { DomainError } from "@/lib/errors";

const DAY = 86_400_000;
/** A source not synced for this long is "stale": its population may not reflect reality. */
export const STALE_AFTER_DAYS = 7;

export type CampaignEvent = "launch" | "close";

const transitions: Record<CampaignStatus, Partial<Record<CampaignEvent, CampaignStatus>>> = {
  DRAFT: { launch: "ACTIVE" },
  ACTIVE: { close: "CLOSED" },
  CLOSED: {},
};

export function nextCampaignStatus(from: CampaignStatus, event: CampaignEvent): CampaignStatus | null {
  return transitions[from][event] ?? null;
}

export function assertCampaignTransition(from: CampaignStatus, event: CampaignEvent): CampaignStatus {
  const to = nextCampaignStatus(from, event);
  if (!to) {
    const message = from === "CLOSED" ? "This campaign is closed; it is read-only." : event === "launch" ? "This campaign was already launched." : "Only an active campaign can be closed.";
    throw new DomainError("CONFLICT", message);
  }
  return to;
}

export type SourceFreshness = { id: string; name: string; lastSyncedAt: Date | null };

/** Sources whose last sync is missing or older than STALE_AFTER_DAYS, with a sentence for the launch warning. */
export function staleSources(sources: SourceFreshness[], now: Date): { id: string; name: string; warning: string }[] {
  return sources
    .filter((s) => !s.lastSyncedAt || now.getTime() - s.lastSyncedAt.getTime() > STALE_AFTER_DAYS * DAY)
    .map((s) => ({
      id: s.id,
      name: s.name,
      warning: s.lastSyncedAt
        ? `${s.name} was last synced ${Math.floor((now.getTime() - s.lastSyncedAt.getTime()) / DAY)} days ago`
        : `${s.name} has never been synced`,
    }));
}

const monthsOf = { MONTHLY: 1, QUARTERLY: 3, YEARLY: 12 } as const;

/** The next occurrence's start and due dates for a recurring campaign, or null when it does not recur. */
export function nextOccurrence(recurrence: string | null, startsAt: Date, dueAt: Date): { startsAt: Date; dueAt: Date } | null {
  const months = monthsOf[recurrence as keyof typeof monthsOf];
  if (!months) return null;
  const shift = (d: Date) => {
    const n = new Date(d);
    n.setUTCMonth(n.getUTCMonth() + months);
    return n;
  };
  return { startsAt: shift(startsAt), dueAt: shift(dueAt) };
}

/** "Q4 2026 review" → "Q4 2026 review (next)", unless the name already ends with a date-like token we can move on. */
export function nextName(name: string, startsAt: Date): string {
  const base = name.replace(/\s+—\s+from \d{4}-\d{2}-\d{2}$/, "");
  return `${base} — from ${startsAt.toISOString().slice(0, 10)}`;
}

export function percent(done: number, total: number): number {
  return total ? Math.round((done / total) * 100) : 0;
}

/** The median of a list of numbers (null for an empty list). */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Burndown: open items at the end of each day from launch to min(due, today), from decisions counted per day. */
export function burndown(total: number, decidedPerDay: { day: string; n: number }[], from: Date, to: Date): { day: string; open: number }[] {
  const days: { day: string; open: number }[] = [];
  const counts = new Map(decidedPerDay.map((d) => [d.day, d.n]));
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  let open = total;
  for (const [day, n] of counts) if (day < new Date(start).toISOString().slice(0, 10)) open -= n;
  for (let t = start; t <= to.getTime() && days.length < 400; t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    open -= counts.get(day) ?? 0;
    days.push({ day, open });
  }
  return days;
}
