import { expect, type Page } from "@playwright/test";
import { demoUser } from "./db";

/** Signs in through Auth.js's own endpoints (csrf, then the demo credentials callback). */
export async function signInAs(page: Page, email: string): Promise<void> {
  const user = await demoUser(email);
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/demo", {
    form: { csrfToken, userId: user.id, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers().location ?? "").not.toContain("error");
}
