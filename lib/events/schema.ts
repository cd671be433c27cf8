import { z } from "zod";

export const eventFormats = ["cloudtrail", "k8s-audit", "github-audit", "okta", "gcp-audit", "jsonl"] as const;
export const eventFormat = z.enum(eventFormats, { message: `format must be one of ${eventFormats.join(", ")}` });
export type EventFormat = z.infer<typeof eventFormat>;

/** `POST /api/v1/events?format=…` */
export const ingestEventsQuery = z.object({ format: eventFormat });

/** The upload form on the Findings page; the file itself travels as FormData next to these fields. */
export const uploadEventsInput = z.object({ format: eventFormat });
export type UploadEventsInput = z.infer<typeof uploadEventsInput>;

/** Largest body the API and the upload form accept; bigger files go through `rollcall ingest`. */
export const MAX_EVENT_UPLOAD_BYTES = 50 * 1024 * 1024;
