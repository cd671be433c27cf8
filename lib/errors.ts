/** Codes a user can act on; adapters map them to HTTP status, form errors and Slack replies. */
export const domainErrorStatus = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
  INVALID: 422,
  ALREADY_DECIDED: 409,
  RATE_LIMITED: 429,
} as const;

export type DomainErrorCode = keyof typeof domainErrorStatus;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly userMessage: string,
  ) {
    super(userMessage);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (why = "You do not have permission to do that.") => new DomainError("FORBIDDEN", why);
