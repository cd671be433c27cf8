import { config } from "dotenv";
import { defineConfig } from "prisma/config";

// The Prisma 7 CLI does not read .env itself; DATABASE_URL comes from the environment or .env.
config({ quiet: true });

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://unset:unset@127.0.0.1:1/unset",
    // migrate diff --from-migrations replays migrations here (the schema test sets it).
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
