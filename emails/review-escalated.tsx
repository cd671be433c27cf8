import { Text } from "@react-email/components";
import { EmailLayout, ItemList, type MailItem } from "@/emails/email-layout";

export type ReviewEscalatedEmailProps = { recipientName: string; reviewerName: string; items: MailItem[]; more: number; inboxUrl: string };

export default function ReviewEscalatedEmail({ recipientName, reviewerName, items, more, inboxUrl }: ReviewEscalatedEmailProps) {
  const count = items.length + more;
  return (
    <EmailLayout preview={`Escalated: ${count} overdue review${count === 1 ? "" : "s"} from ${reviewerName}`} title={`Escalated to you: ${count} overdue review${count === 1 ? "" : "s"}`}>
      <Text>Hi {recipientName}, {reviewerName} has not answered these reviews in time. You have been added as a reviewer: decide them yourself or ask {reviewerName} to.</Text>
      <ItemList items={items} more={more} inboxUrl={inboxUrl} />
    </EmailLayout>
  );
}
