import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp, type ReceivedMail } from "@/lib/notify/test-smtp";

// A real SMTP server in-process: the mail goes over a socket exactly as it would to a relay.
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let received: ReceivedMail[] = [];
beforeAll(async () => {
  smtp = await startTestSmtp();
  received = smtp.received;
  process.env.DATABASE_URL = "postgresql://unused@127.0.0.1:1/unused";
  process.env.MAIL_FROM = "Rollcall <no-reply@rollcall.test>";
});
afterAll(() => smtp.stop());

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
