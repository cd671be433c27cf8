import { isIP } from "node:net";
import { boundedMemo } from "@/lib/events/bounded-memo";

/** The /24 (IPv4) or /48 (IPv6) a source address belongs to; null for "ec2.amazonaws.com" and other non-addresses. Memoized: logs repeat their addresses. */
export function networkOf(address: string | null | undefined): string | null {
  return address ? networkMemo(address) : null;
}

const networkMemo = boundedMemo(50_000, (address: string): string | null => {
  // Fast path for the common dotted IPv4 address: no validation regex, no allocation beyond the result.
  const lastDot = address.lastIndexOf(".");
  if (lastDot > 0 && /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)) return `${address.slice(0, lastDot)}.0/24`;
  const ip = address.trim();
  if (!ip) return null;
  const version = isIP(ip);
  if (version === 4) return `${ip.split(".").slice(0, 3).join(".")}.0/24`;
  if (version === 6) {
    const [head = "", tail = ""] = ip.toLowerCase().split("::");
    const left = head ? head.split(":") : [];
    const right = tail ? tail.split(":") : [];
    const full = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
    return `${full.slice(0, 3).map((h) => h.replace(/^0+(?=.)/, "")).join(":")}::/48`;
  }
  return null;
});
