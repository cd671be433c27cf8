"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";

const demoForm = z.object({ userId: z.string().min(1, "Choose a person") });
const emailForm = z.object({ email: z.email("Enter a valid email address") });

export type SignInState = { message?: string };

async function attempt(run: () => Promise<unknown>): Promise<SignInState> {
  try {
    await run();
    return {};
  } catch (error) {
    // Successful sign-in ends in a redirect, which Next delivers as a thrown value: let it through.
    if (error instanceof AuthError) return { message: "Sign-in failed. Check the account is active and try again." };
    throw error;
  }
}

export async function demoSignInAction(_: SignInState, form: FormData): Promise<SignInState> {
  const parsed = demoForm.safeParse({ userId: form.get("userId") });
  if (!parsed.success) return { message: parsed.error.issues[0]?.message };
  return attempt(() => signIn("demo", { userId: parsed.data.userId, redirectTo: "/" }));
}

export async function emailSignInAction(_: SignInState, form: FormData): Promise<SignInState> {
  const parsed = emailForm.safeParse({ email: String(form.get("email") ?? "").toLowerCase() });
  if (!parsed.success) return { message: parsed.error.issues[0]?.message };
  return attempt(() => signIn("nodemailer", { email: parsed.data.email, redirectTo: "/" }));
}

export async function oidcSignInAction(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}
