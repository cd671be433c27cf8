import type { Metadata } from "next";
import "./globals.css";
import { HydrationMarker } from "@/components/hydration-marker";

export const metadata: Metadata = {
  title: { default: "Rollcall", template: "%s · Rollcall" },
  description: "Access reviews for machine identities",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <HydrationMarker />
        {children}
      </body>
    </html>
  );
}
