import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "prisma/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "scripts/prisma-schema-engine.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/utils", "**/utils/*"], message: "No utils drawers: import the file named for what it does." }] }],
    },
  },
  {
    // Imports flow app → lib → db: the domain never reaches into routes or components, and only the
    // thin adapters (auth, action, route) touch next/*.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["@/app/*", "@/components/*"], message: "lib/ must not import from app/ or components/." },
        { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "Only lib/auth.ts, lib/action.ts and lib/route.ts may touch next/*." },
      ] }],
    },
  },
  {
    files: ["lib/auth.ts", "lib/action.ts", "lib/route.ts", "lib/auth-adapter.ts", "lib/slack/receiver.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/components/*"], message: "lib/ must not import from app/ or components/." }] }],
    },
  },
  {
    // db tests may drive route handlers in-process (e.g. the REST leg of the concurrent-decisions test).
    files: ["lib/**/*.db.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["next", "next/*", "next-auth", "next-auth/*"], message: "Only lib/auth.ts, lib/action.ts and lib/route.ts may touch next/*." }] }],
    },
  },
  {
    files: ["components/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/**/*", "!@/lib/**/schema", "!@/lib/**/types"], message: "components/ import only schemas and types from lib/." }] }],
    },
  },
);
