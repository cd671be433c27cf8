import { Text } from "@react-email/components";
import { EmailLayout, ItemList, type MailItem } from "@/emails/email-layout";

export type ReviewAssignedEmailProps = { recipientName: string; campaignName: string; dueDate: string; items: MailItem[]; more: number; inboxUrl: string };

export default function ReviewAssignedEmail({ recipientName, campaignName, dueDate, items, more, inboxUrl }: ReviewAssignedEmailProps) {
  const count = items.length + more;
  return (
    <EmailLayout preview={`${count} machine identit${count === 1 ? "y" : "ies"} to review by ${dueDate}`} title={`You have ${count} review${count === 1 ? "" : "s"} in ${campaignName}`}>
      <Text>Hi {recipientName}, please confirm whether these machine identities still need their access — keep, reduce, revoke, grant a time-boxed exception, or tell us they are not yours. Due {dueDate}.</Text>
      <ItemList items={items} more={more} inboxUrl={inboxUrl} />
    </EmailLayout>
  );
}
