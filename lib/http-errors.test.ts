import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http-errors";

describe("toErrorResponse", () => {
  it("answers 422 naming each bad field", () => {
    const result = z.object({ name: z.string().min(1), scopes: z.array(z.string()).min(1) }).safeParse({ name: "", scopes: [] });
    const { status, body } = toErrorResponse(result.error);
    expect(status).toBe(422);
    expect(body.error.issues?.map((i) => i.path)).toEqual(["name", "scopes"]);
  });

  it.each([
    ["NOT_FOUND", 404],
    ["FORBIDDEN", 403],
    ["UNAUTHENTICATED", 401],
    ["ALREADY_DECIDED", 409],
  ] as const)("maps %s to %i with the user message", (code, status) => {
    expect(toErrorResponse(new DomainError(code, "Plain words."))).toEqual({ status, body: { error: { code, message: "Plain words." } } });
  });

  it("hides unknown errors behind an id and logs them", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, body } = toErrorResponse(new Error("connection string postgres://secret@db"));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
