import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,emails,prisma,scripts,components,app}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["{lib,prisma,scripts,app}/**/*.db.test.ts"],
          setupFiles: ["scripts/test-setup/db-per-file.ts"],
          // next-auth imports "next/server" without an extension; inlined, Vite resolves it (REST route handlers run in-process in tests).
          server: { deps: { inline: ["next-auth"] } },
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
    ],
  },
});
