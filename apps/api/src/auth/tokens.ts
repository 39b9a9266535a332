import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** 160 random bits, base32: the secret half of sessions, API keys and invitations (Lucia guide). */
export function generateSecretToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/**
 * What the database stores instead of a token. Looking rows up by this hash makes comparisons
 * independent of the secret's characters, and a leaked table reveals no usable token.
 */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
