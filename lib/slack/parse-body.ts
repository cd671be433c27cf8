/**
 * Slack sends three body forms to the one Request URL: Events API as JSON, interactivity as a form
 * with one `payload` field holding JSON, and slash commands as a plain form. Returns the object Bolt's
 * processEvent expects, or the url_verification challenge, or null for a body that is none of those.
 */
export type ParsedSlackBody =
  | { kind: "url_verification"; challenge: string }
  | { kind: "ssl_check" }
  | { kind: "dispatch"; body: Record<string, unknown> };

export function parseSlackBody(rawBody: string, contentType: string | null): ParsedSlackBody | null {
  const type = (contentType ?? "").toLowerCase();
  let body: unknown;
  try {
    if (type.includes("application/json")) {
      body = JSON.parse(rawBody);
    } else if (type.includes("application/x-www-form-urlencoded")) {
      const form = new URLSearchParams(rawBody);
      const payload = form.get("payload");
      body = payload !== null ? JSON.parse(payload) : Object.fromEntries(form);
    } else {
      return null;
    }
  } catch {
    return null;
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (record.type === "url_verification" && typeof record.challenge === "string") return { kind: "url_verification", challenge: record.challenge };
  if (record.ssl_check === "1") return { kind: "ssl_check" };
  return { kind: "dispatch", body: record };
}
