/** Small wording helpers shared by trigger sentences, so every sentence reads the same way. */
export const DAY_MS = 86_400_000;

export const day = (d: Date) => d.toISOString().slice(0, 10);

export const count = (n: number) => Math.round(n).toLocaleString("en-US");

export const plural = (n: number, word: string, many = `${word}s`) => `${count(n)} ${n === 1 ? word : many}`;

export const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

/** "today" when the event is from the clock's day, else "on 2026-03-01". */
export const onDay = (at: Date, now: Date) => (day(at) === day(now) ? "today" : `on ${day(at)}`);

/** A policy ARN or role reference as people say it: the last path segment. */
export const permissionName = (permission: string) => {
  const arnPolicy = /:policy\/(?:.*\/)?([^/]+)$/.exec(permission);
  return arnPolicy ? arnPolicy[1]! : permission;
};

export const list = (items: string[], max = 3) =>
  items.length === 0 ? "nothing" : items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;

/** " by alice@acme.test" when the log names who acted. */
export const by = (actor: string | null) => (actor ? ` by ${actor}` : "");
