/** HSTS for one year (subdomains included); sent only to clients that reached us over https. */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * Whether a request was served over https: TLS ended at a reverse proxy that says so (X-Forwarded-Proto,
 * first hop), the request URL itself, or a public base URL (ROLLCALL_BASE_URL) that is https.
 * Over plain http HSTS is pointless (browsers ignore it) and would pin a dev host to https.
 */
export function servedOverHttps(forwardedProto: string | null, requestUrl: string, baseUrl: string | undefined): boolean {
  if (forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  if (requestUrl.startsWith("https://")) return true;
  return Boolean(baseUrl?.trim().toLowerCase().startsWith("https://"));
}
