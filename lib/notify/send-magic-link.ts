import { render } from "@react-email/render";
import MagicLinkEmail from "@/emails/magic-link";
import { sendMail } from "@/lib/notify/mailer";

/**
 * Auth.js calls this synchronously during sign-in (the one mail not sent from a job: the person is
 * waiting at the form and Auth.js owns the token's lifetime).
 */
export async function sendMagicLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  const host = new URL(url).host;
  const element = MagicLinkEmail({ url, host });
  await sendMail({
    to: identifier,
    subject: "Sign in to Rollcall",
    html: await render(element),
    text: await render(element, { plainText: true }),
  });
}
