import { getBoss } from "@/lib/jobs/boss";

let ready: Promise<void> | null = null;

/** The import queue must exist before the web process sends to it (the worker creates all queues too). */
export function ensureQueue(): Promise<void> {
  ready ??= getBoss()
    .then((boss) => boss.createQueue("inventory.import"))
    .then(() => undefined)
    .catch((error: unknown) => {
      if (String(error).includes("already exists")) return;
      ready = null;
      throw error;
    });
  return ready;
}
