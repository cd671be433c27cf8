import { describe, expect, it } from "vitest";
import { escalationDueAt, latestReminderTime, readCadence, reminderDue } from "@/lib/reviews/reminder-rules";

const DAY = 86_400_000;
const due = new Date("2026-12-15T00:00:00Z");
const at = (days: number) => new Date(due.getTime() + days * DAY);

describe("reminder cadence (day offsets from the due date; positive = repeat after it)", () => {
  it.each([
    [[-3, 0], -5, null],
    [[-3, 0], -3, -3],
    [[-3, 0], -1, -3],
    [[-3, 0], 0, 0],
    [[-3, 0], 4, 0],
    [[-3, 0, 1], 1, 1],
    [[-3, 0, 1], 3.5, 3],
    [[-7, 2], 5, 4],
  ])("cadence %j at due%+d days → latest point %s", (cadence, now, expected) => {
    const latest = latestReminderTime(due, cadence, at(now));
    expect(latest ? (latest.getTime() - due.getTime()) / DAY : null).toBe(expected);
  });

  it("reminds once per point, never for points before the item was assigned", () => {
    const item = { dueAt: due, createdAt: at(-5), lastRemindedAt: null };
    expect(reminderDue(item, [-3, 0], at(-2))?.getTime()).toBe(at(-3).getTime());
    expect(reminderDue({ ...item, lastRemindedAt: at(-2.5) }, [-3, 0], at(-2))).toBeNull();
    expect(reminderDue({ ...item, lastRemindedAt: at(-2.5) }, [-3, 0], at(0.1))?.getTime()).toBe(due.getTime());
    expect(reminderDue({ ...item, createdAt: at(-1) }, [-3, 0], at(-0.5))).toBeNull();
  });

  it("reads a stored cadence defensively", () => {
    expect(readCadence([0, -3, 0, 1, "x", 2.5])).toEqual([0, -3, 1]);
    expect(readCadence(null)).toEqual([]);
  });

  it("escalates after the delay or at the due date, whichever is first", () => {
    expect(escalationDueAt({ createdAt: at(-14), dueAt: due }, 7).getTime()).toBe(at(-7).getTime());
    expect(escalationDueAt({ createdAt: at(-3), dueAt: due }, 7).getTime()).toBe(due.getTime());
  });
});
