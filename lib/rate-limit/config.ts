import { z } from "zod";

/** Requests per minute per API key and per signed-in person on the REST API; 0 turns the limit off. */
export const DEFAULT_API_RATE_LIMIT = 600;
export const RATE_LIMIT_WINDOW_MS = 60_000;

const limitSchema = z.coerce.number().int().min(0).max(1_000_000);

/** ROLLCALL_API_RATE_LIMIT read on each call (cheap), so a test can change it without reloading modules. */
export function apiRateLimit(source: Record<string, string | undefined> = process.env): number {
  const raw = source.ROLLCALL_API_RATE_LIMIT?.trim();
  if (!raw) return DEFAULT_API_RATE_LIMIT;
  const parsed = limitSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid environment:\n  ROLLCALL_API_RATE_LIMIT: expected a whole number of requests per minute (0 = off), got "${raw}"`);
  return parsed.data;
}
