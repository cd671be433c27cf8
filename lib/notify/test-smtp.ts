import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  to: string[];
  /** the message as it crossed the socket */
  raw: string;
  /** the same with quoted-printable soft breaks and `=3D` undone, so links and text can be searched */
  text: string;
};

/**
 * A real SMTP server in-process for tests (never imported by the app): mail goes over a socket
 * exactly as it would to a relay, and is kept in `received`. Sets SMTP_URL to it.
 */
export async function startTestSmtp(): Promise<{ received: ReceivedMail[]; stop: () => Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return { received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
