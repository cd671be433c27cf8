import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth";

/** The identity's activity and findings now live on its inventory page; old links land there. */
export default async function IdentityActivityRedirect({ params }: { params: Promise<{ id: string }> }) {
  await requirePage("findings:read");
  const { id } = await params;
  redirect(`/inventory/${encodeURIComponent(id)}#activity`);
}
