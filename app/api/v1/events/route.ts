import { route } from "@/lib/route";
import { DomainError } from "@/lib/errors";
import { ingestEventsQuery, MAX_EVENT_UPLOAD_BYTES } from "@/lib/events/schema";
import { ingestEvents } from "@/lib/events/ingest-events";

/** `POST /api/v1/events?format=cloudtrail` with the log file as the body (API key with events:write). */
export const POST = route({ permission: "events:write", query: ingestEventsQuery }, async ({ actor, query, request }) => {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_EVENT_UPLOAD_BYTES) throw tooLarge();
  const text = await request.text();
  if (text.length > MAX_EVENT_UPLOAD_BYTES) throw tooLarge();
  if (!text.trim()) throw new DomainError("INVALID", "The request body is empty: send the log file as the body.");
  return ingestEvents(actor, query.format, text);
});

const tooLarge = () => new DomainError("INVALID", `The body is larger than ${MAX_EVENT_UPLOAD_BYTES / 1024 / 1024} MB; split the file or use \`rollcall ingest\`.`);
