import { describe, expect, it } from "vitest";
import { findSecretsInLogs, tokensInMail } from "./check-secret-logs";

describe("secret scan of the e2e logs", () => {
  const key = "rk_" + "A".repeat(20) + "b-_".repeat(6) + "zz";
  it("names which secret appeared in which file and line, without printing it", () => {
    const logs = [
      { file: "web-server.log", text: "ready\nPOST /api/slack/events signing=e2e-slack-signing-secret-0123456789\n" },
      { file: "playwright-output.log", text: `ok\nok\nAuthorization: Bearer ${key}\n` },
    ];
    const findings = findSecretsInLogs(logs, [{ label: "SLACK_SIGNING_SECRET", value: "e2e-slack-signing-secret-0123456789" }, { label: "short", value: "abc" }]);
    expect(findings).toEqual([
      { secret: "SLACK_SIGNING_SECRET", file: "web-server.log", line: 2 },
      { secret: "an API key plaintext (rk_…)", file: "playwright-output.log", line: 3 },
    ]);
    expect(JSON.stringify(findings)).not.toContain("0123456789");
  });

  it("finds nothing in clean logs (and ignores key prefixes shown in lists)", () => {
    expect(findSecretsInLogs([{ file: "a.log", text: "created key rk_AbC123 for ci\n" }], [{ label: "AUTH_SECRET", value: "e2e-secret-e2e-secret" }])).toEqual([]);
  });

  it("reads one-click and magic-link tokens out of quoted-printable mails", () => {
    const eml = "Content-Transfer-Encoding: quoted-printable\r\n\r\n<a href=3D\"http://localhost:3000/r/abcDEF_123-x=\r\nyz.MAC_456\">Keep</a>\r\nhttp://localhost:3000/api/auth/callback/nodemailer?callbackUrl=3D%2F&token=3D0123456789abcdef0123&email=3Dx\r\n";
    expect(tokensInMail(eml)).toEqual(["abcDEF_123-xyz.MAC_456", "0123456789abcdef0123"]);
  });
});
