import { test as base } from "@playwright/test";

export { expect, type APIRequestContext, type Page } from "@playwright/test";

/**
 * Playwright's `test` with one change: `page.goto` on an HTML page returns only after React has hydrated it
 * (components/hydration-marker.tsx), so a spec never types into a form whose handlers are not attached yet.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (response && (response.headers()["content-type"] ?? "").includes("text/html")) {
        await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      }
      return response;
    };
    await use(page);
  },
});
