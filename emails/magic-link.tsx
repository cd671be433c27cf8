import { Body, Button, Container, Head, Heading, Html, Preview, Text } from "@react-email/components";

export type MagicLinkEmailProps = { url: string; host: string };

export default function MagicLinkEmail({ url, host }: MagicLinkEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Sign in to Rollcall</Preview>
      <Body style={{ fontFamily: "system-ui, sans-serif", backgroundColor: "#f6f7f9" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", borderRadius: "8px" }}>
          <Heading as="h1" style={{ fontSize: "20px" }}>Sign in to Rollcall</Heading>
          <Text>Use the button below to sign in to {host}. The link works once and expires in 24 hours.</Text>
          <Button href={url} style={{ backgroundColor: "#4338ca", color: "#ffffff", padding: "10px 16px", borderRadius: "6px" }}>
            Sign in
          </Button>
          <Text style={{ color: "#6b7280", fontSize: "12px" }}>If you did not ask for this, you can ignore this email.</Text>
        </Container>
      </Body>
    </Html>
  );
}
