import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** 160 random bits, base32: the secret half of sessions, API keys and invitations (Lucia guide). */
export function generateSecretToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/**
 * What the database stores instead of a token: SHA-256, hex. Looking rows up by this hash makes
 * comparisons independent of the secret's characters, and a leaked table reveals no usable token.
 * node:crypto's native hash: it runs on every authenticated request.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
