import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export type Mail = { to: string; subject: string; html: string; text: string };

/**
 * Sends over SMTP when SMTP_URL is set; otherwise writes an .eml file to the outbox folder so the
 * demo and local runs can read what would have been sent.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM, ROLLCALL_DATA_DIR } = env();
  if (SMTP_URL) {
    await nodemailer.createTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
    return;
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail({ from: MAIL_FROM, ...mail });
  const outbox = path.join(ROLLCALL_DATA_DIR, "outbox");
  await mkdir(outbox, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to.replace(/[^a-z0-9@.-]/gi, "_")}.eml`;
  await writeFile(path.join(outbox, name), info.message as Buffer);
}
