import { NextResponse, type NextRequest } from "next/server";
import { HSTS_VALUE, servedOverHttps } from "@/lib/security-headers";

/**
 * Runs before every route. The static security headers (CSP, frame-ancestors, nosniff, referrer policy) come
 * from next.config.mjs; only HSTS depends on the request (https behind a proxy, or an https ROLLCALL_BASE_URL).
 */
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (servedOverHttps(request.headers.get("x-forwarded-proto"), request.url, process.env.ROLLCALL_BASE_URL)) {
    response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  }
  return response;
}

export const config = { matcher: "/((?!_next/static|_next/image|favicon.ico|api/slack/).*)" };
