import type { ReactElement } from "react";
import { render } from "@react-email/render";
import { sendMail } from "@/lib/notify/mailer";

/** Renders a react-email template to HTML and plain text and sends it (SMTP, or the outbox folder). Call only from jobs. */
export async function sendTemplate(to: string, subject: string, element: ReactElement): Promise<void> {
  await sendMail({ to, subject, html: await render(element), text: await render(element, { plainText: true }) });
}
