import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

// Shared frame and pieces of Rollcall's review mails: one accent colour, system fonts, plain words.
export const accent = "#4338ca";

export function EmailLayout({ preview, title, children }: { preview: string; title: string; children: React.ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ fontFamily: "system-ui, sans-serif", backgroundColor: "#f6f7f9" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", borderRadius: "8px" }}>
          <Heading as="h1" style={{ fontSize: "20px" }}>{title}</Heading>
          {children}
          <Hr />
          <Text style={{ color: "#6b7280", fontSize: "12px" }}>
            Each link opens one review, works once and expires in 72 hours. Decisions are final and audited; a mistake is corrected by a new review.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export type MailItem = { name: string; kind: string; reason: string; due: string; url: string };

export function ItemList({ items, more, inboxUrl }: { items: MailItem[]; more: number; inboxUrl: string }) {
  return (
    <Section>
      {items.map((item) => (
        <Section key={item.url} style={{ borderTop: "1px solid #e5e7eb", padding: "8px 0" }}>
          <Text style={{ margin: 0, fontWeight: 600 }}>{item.name} <span style={{ color: "#6b7280", fontWeight: 400 }}>· {item.kind}</span></Text>
          <Text style={{ margin: "2px 0" }}>{item.reason}</Text>
          <Text style={{ margin: "2px 0", color: "#6b7280" }}>{item.due}</Text>
          <Link href={item.url} style={{ color: accent }}>Review {item.name}</Link>
        </Section>
      ))}
      {more > 0 ? <Text>…and {more} more in your inbox.</Text> : null}
      <Button href={inboxUrl} style={{ backgroundColor: accent, color: "#ffffff", padding: "10px 16px", borderRadius: "6px" }}>Open My reviews</Button>
    </Section>
  );
}
