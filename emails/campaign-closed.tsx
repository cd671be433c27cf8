import { Button, Text } from "@react-email/components";
import { EmailLayout, accent } from "@/emails/email-layout";

export type CampaignClosedEmailProps = {
  recipientName: string;
  campaignName: string;
  signedOffBy: string;
  signedOffAt: string;
  statement: string;
  counts: { total: number; kept: number; revoked: number; reduced: number; exceptions: number; reassigned: number; unanswered: number };
  url: string;
};

export default function CampaignClosedEmail({ recipientName, campaignName, signedOffBy, signedOffAt, statement, counts, url }: CampaignClosedEmailProps) {
  return (
    <EmailLayout preview={`${campaignName} was closed and signed off by ${signedOffBy}`} title={`${campaignName} is closed`}>
      <Text>Hi {recipientName}, {signedOffBy} signed off this campaign on {signedOffAt}:</Text>
      <Text style={{ borderLeft: `3px solid ${accent}`, paddingLeft: "12px" }}>“{statement}”</Text>
      <Text>
        {counts.total} identities reviewed: {counts.kept} kept, {counts.revoked} revoked, {counts.reduced} reduced, {counts.exceptions} exceptions, {counts.reassigned} reassigned, {counts.unanswered} unanswered.
      </Text>
      <Button href={url} style={{ backgroundColor: accent, color: "#ffffff", padding: "10px 16px", borderRadius: "6px" }}>Open the campaign</Button>
    </EmailLayout>
  );
}
