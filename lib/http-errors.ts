import { randomUUID } from "node:crypto";
import { z } from "zod";
import { DomainError, domainErrorStatus } from "@/lib/errors";

export type ErrorBody = {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; errorId?: string };
};

export function zodIssues(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}

/**
 * Maps any thrown value to a status and a body a client can act on. Unknown errors are logged with
 * an id and answered with that id only: no message or stack leaves the server.
 */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof z.ZodError) {
    const issues = zodIssues(error);
    return { status: 422, body: { error: { code: "INVALID", message: issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues } } };
  }
  if (error instanceof DomainError) {
    return { status: domainErrorStatus[error.code], body: { error: { code: error.code, message: error.userMessage } } };
  }
  const errorId = randomUUID();
  console.error(`[error ${errorId}]`, error);
  return { status: 500, body: { error: { code: "INTERNAL", message: `Something went wrong (error id ${errorId}).`, errorId } } };
}
