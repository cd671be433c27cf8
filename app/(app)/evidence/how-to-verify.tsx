/** The same commands as the pack's README.txt, so an auditor can check a pack without Rollcall. */
export function HowToVerify({ fingerprint }: { fingerprint: string | null }) {
  const code = "block overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-950";
  return (
    <section aria-labelledby="how-to-verify" className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="how-to-verify" className="mb-2 font-medium">How to verify a pack</h2>
      <p className="mb-3 text-zinc-600 dark:text-zinc-400">Unzip the pack into an empty folder and run, with OpenSSL 3 and coreutils:</p>
      <ol className="list-decimal space-y-3 pl-5">
        <li>The key is this workspace&apos;s key — it must print <code className="break-all font-mono text-xs" data-testid="workspace-fingerprint">{fingerprint ?? "(no key yet)"}</code>
          <code className={code}>openssl pkey -pubin -in signing-key.pem -outform DER | sha256sum</code></li>
        <li>The manifest is signed by it — it must print “Signature Verified Successfully”:
          <code className={code}>openssl pkeyutl -verify -pubin -inkey signing-key.pem -rawin -in manifest.json -sigfile manifest.sig</code></li>
        <li>Every file matches the list — every line must end in “OK” (SHA256SUMS itself is listed, with its hash, in the signed manifest.json):
          <code className={code}>sha256sum -c SHA256SUMS</code></li>
        <li>Or check hashes, record counts and the audit hash chain in one go:
          <code className={code}>npx rollcall evidence verify PACK.zip</code></li>
      </ol>
    </section>
  );
}
