import { boundedMemo } from "@/lib/events/bounded-memo";

/**
 * Environments named in free text (account aliases, project ids, namespaces, bucket names), so
 * `payments-prod` reads as prod and `acme-staging` as staging. Ambiguous text (both prod and dev) reads as unknown.
 */
const WORDS = new Map<string, string>(Object.entries({
  prod: "prod", production: "prod", prd: "prod", live: "prod",
  staging: "staging", stage: "staging", stg: "staging", preprod: "staging",
  dev: "dev", development: "dev",
  test: "test", testing: "test", qa: "test", uat: "test",
  sandbox: "sandbox", sbx: "sandbox",
}));

/** Text without any of these cannot hold an environment word (every word above contains one). */
const CANDIDATE = /prod|prd|live|stag|stg|dev|test|qa|uat|sandbox|sbx/i;

/**
 * Memoized per text: the same accounts, namespaces and buckets come back in every event. Text with no
 * candidate word (most object keys and ARNs, often unique per event) is answered without a scan.
 */
export function environmentIn(text: string | null | undefined): string | null {
  if (!text || !CANDIDATE.test(text)) return null;
  return scan(text);
}

const scan = boundedMemo(10_000, (text: string): string | null => {
  const found = new Set<string>();
  for (const token of text.toLowerCase().split(/[^a-z0-9]+/)) {
    const env = WORDS.get(token);
    if (env) found.add(env);
  }
  return found.size === 1 ? [...found][0]! : null;
});

/** An identity's declared environment in the same vocabulary ("Production" → prod); unknown words stay as written. */
export function declaredEnvironment(environment: string | null | undefined): string | null {
  return environment ? declared(environment) : null;
}

const declared = boundedMemo(10_000, (environment: string): string | null => {
  const value = environment.trim().toLowerCase();
  return value ? (WORDS.get(value) ?? environmentIn(value) ?? value) : null;
});
