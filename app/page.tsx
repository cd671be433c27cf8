import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth";
import { homeFor } from "@/lib/authz/navigation";

export default async function Home() {
  const actor = await requirePage();
  redirect(homeFor(actor.role));
}
