// Types for what next.config.mjs exports besides the config (scripts/web-server.ts uses the headers).
import type { NextConfig } from "next";

export function contentSecurityPolicy(dev: boolean): string;
export function securityHeaders(dev: boolean): { key: string; value: string }[];
declare const nextConfig: (phase: string) => NextConfig;
export default nextConfig;
