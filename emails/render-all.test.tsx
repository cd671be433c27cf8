import { describe, expect, it } from "vitest";
import { render } from "@react-email/render";
import MagicLinkEmail from "@/emails/magic-link";

// Every template renders to HTML and to plain text with its essential content.
describe("email templates", () => {
  it.each([["magic-link", MagicLinkEmail({ url: "https://rollcall.example/api/auth/callback/nodemailer?token=abc", host: "rollcall.example" }), ["Sign in to Rollcall", "token=abc"]]] as const)(
    "%s renders",
    async (_name, element, mustContain) => {
      const html = await render(element);
      const text = await render(element, { plainText: true });
      expect(html).toMatch(/^<!DOCTYPE html/);
      for (const s of mustContain) expect(html).toContain(s);
      expect(text.toLowerCase()).toContain("sign in to rollcall");
      expect(text).not.toContain("<");
    },
  );
});
