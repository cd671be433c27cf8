const DAY = 86_400_000;

/**
 * The latest reminder time at or before `now` for an item due at `dueAt`, given the cadence (day
 * offsets from the due date; a positive N repeats every N days after it), or null when none is due yet.
 */
export function latestReminderTime(dueAt: Date, cadence: number[], now: Date): Date | null {
  const due = dueAt.getTime();
  const times = cadence.filter((d) => d <= 0).map((d) => due + d * DAY).filter((t) => t <= now.getTime());
  const every = Math.min(...cadence.filter((d) => d > 0));
  if (Number.isFinite(every) && now.getTime() >= due + every * DAY) {
    times.push(due + Math.floor((now.getTime() - due) / (every * DAY)) * every * DAY);
  }
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Whether an open item should be reminded now: a cadence point has passed since it was assigned
 * (the assignment mail covers earlier points) and no reminder went out since that point.
 */
export function reminderDue(item: { dueAt: Date; createdAt: Date; lastRemindedAt: Date | null }, cadence: number[], now: Date): Date | null {
  const latest = latestReminderTime(item.dueAt, cadence, now);
  if (!latest || latest <= item.createdAt) return null;
  if (item.lastRemindedAt && item.lastRemindedAt >= latest) return null;
  return latest;
}

/** Cadence stored on the campaign (JSON), defensively read: numbers only, deduplicated. */
export function readCadence(value: unknown): number[] {
  return Array.isArray(value) ? [...new Set(value.filter((v): v is number => typeof v === "number" && Number.isInteger(v)))] : [];
}

/**
 * When an open item is escalated: once it has waited `escalationAfterDays` since it was assigned, or
 * when it falls due, whichever comes first. The due date is the final deadline, when the default applies.
 */
export function escalationDueAt(item: { createdAt: Date; dueAt: Date }, escalationAfterDays: number): Date {
  return new Date(Math.min(item.createdAt.getTime() + escalationAfterDays * DAY, item.dueAt.getTime()));
}
