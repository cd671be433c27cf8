import { z } from "zod";

const optional = z.string().trim().min(1).optional().catch(undefined);

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  AUTH_SECRET: z.string().min(16).optional(),
  ROLLCALL_DEMO: z.enum(["0", "1"]).default("0"),
  ROLLCALL_BASE_URL: z.string().url().default("http://localhost:3000"),
  OIDC_ISSUER: optional,
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: z.string().default("SSO"),
  SMTP_URL: optional,
  MAIL_FROM: z.string().default("Rollcall <rollcall@localhost>"),
  ROLLCALL_DATA_DIR: z.string().default(".data"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Reads and validates the environment once; a bad value stops the process with the variable's name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export const isDemo = () => env().ROLLCALL_DEMO === "1";
export const oidcConfigured = () => Boolean(env().OIDC_ISSUER && env().OIDC_CLIENT_ID && env().OIDC_CLIENT_SECRET);
export const smtpConfigured = () => Boolean(env().SMTP_URL);
