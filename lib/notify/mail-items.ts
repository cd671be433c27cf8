import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { MailItem } from "@/emails/email-layout";
import { createOneClickLink } from "@/lib/notify/one-click-link";

const DAY = 86_400_000;
export const MAIL_ITEM_LIMIT = 10;

export type ItemForMail = { id: string; dueAt: Date; reasons: unknown; identity: { name: string; kind: string } };

export function dueText(dueAt: Date, now: Date): string {
  const days = Math.ceil((dueAt.getTime() - now.getTime()) / DAY);
  if (days < 0) return `overdue by ${-days} day${days === -1 ? "" : "s"}`;
  if (days === 0) return "due today";
  return `due in ${days} day${days === 1 ? "" : "s"} (${dueAt.toISOString().slice(0, 10)})`;
}

export function firstReason(reasons: unknown): string {
  const list = Array.isArray(reasons) ? (reasons as { sentence?: string }[]) : [];
  return list.find((r) => r.sentence)?.sentence ?? "Scheduled review";
}

export const inboxUrl = () => `${env().ROLLCALL_BASE_URL.replace(/\/$/, "")}/reviews`;

/** The first items of a mail, each with its own signed one-click link (created in the caller's transaction). */
export async function mailItems(tx: Pick<Tx, "oneClickLink">, workspaceId: string, userId: string, items: ItemForMail[], now: Date): Promise<{ items: MailItem[]; more: number }> {
  const shown = [...items].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).slice(0, MAIL_ITEM_LIMIT);
  const out: MailItem[] = [];
  for (const item of shown) {
    out.push({
      name: item.identity.name,
      kind: item.identity.kind.replaceAll("_", " ").toLowerCase(),
      reason: firstReason(item.reasons),
      due: dueText(item.dueAt, now),
      url: await createOneClickLink(tx, { workspaceId, userId, itemId: item.id, now }),
    });
  }
  return { items: out, more: Math.max(0, items.length - shown.length) };
}

/** One mail per recipient: groups items by a key (Map.groupBy is Node 21+; the worker runs on Node 20). */
export function groupByRecipient<T>(items: T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (!key) continue;
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}
