import { Button, Text } from "@react-email/components";
import { EmailLayout, accent } from "@/emails/email-layout";

export type ExceptionExpiringEmailProps = { recipientName: string; identityName: string; until: string; justification: string; url: string };

export default function ExceptionExpiringEmail({ recipientName, identityName, until, justification, url }: ExceptionExpiringEmailProps) {
  return (
    <EmailLayout preview={`The exception for ${identityName} ends on ${until}`} title={`The exception for ${identityName} ends on ${until}`}>
      <Text>Hi {recipientName}, you kept {identityName} as an exception: “{justification}”. When it ends, a new review opens for you. If the access is no longer needed, remove it before then.</Text>
      <Button href={url} style={{ backgroundColor: accent, color: "#ffffff", padding: "10px 16px", borderRadius: "6px" }}>See the review</Button>
    </EmailLayout>
  );
}
