import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

// A real SMTP server in-process: the mail goes over a socket exactly as it would to a relay.
const received: { to: string[]; raw: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  process.env.DATABASE_URL = "postgresql://unused@127.0.0.1:1/unused";
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Rollcall <no-reply@rollcall.test>";
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("magic link mail", () => {
  it("is delivered over SMTP to the person with a working link", async () => {
    const { sendMagicLink } = await import("@/lib/notify/send-magic-link");
    await sendMagicLink({ identifier: "ana@acme.test", url: "http://localhost:3000/api/auth/callback/nodemailer?token=t0k3n&email=ana%40acme.test" });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["ana@acme.test"]);
    expect(received[0]!.raw).toContain("Subject: Sign in to Rollcall");
    expect(received[0]!.raw.replace(/=\r?\n/g, "")).toContain("token=3Dt0k3n");
  });
});
