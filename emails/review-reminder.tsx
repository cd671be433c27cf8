import { Text } from "@react-email/components";
import { EmailLayout, ItemList, type MailItem } from "@/emails/email-layout";

export type ReviewReminderEmailProps = { recipientName: string; items: MailItem[]; more: number; overdue: number; inboxUrl: string };

export default function ReviewReminderEmail({ recipientName, items, more, overdue, inboxUrl }: ReviewReminderEmailProps) {
  const count = items.length + more;
  return (
    <EmailLayout preview={`Reminder: ${count} review${count === 1 ? "" : "s"} waiting${overdue ? `, ${overdue} overdue` : ""}`} title={`Reminder: ${count} review${count === 1 ? "" : "s"} waiting for you`}>
      <Text>Hi {recipientName}, {overdue ? `${overdue} of these ${overdue === 1 ? "is" : "are"} past due. ` : ""}Each takes a few seconds; without an answer the campaign&apos;s default is applied at the deadline.</Text>
      <ItemList items={items} more={more} inboxUrl={inboxUrl} />
    </EmailLayout>
  );
}
