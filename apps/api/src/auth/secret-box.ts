import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";

/** Public, for development and tests only: production refuses it (settings.ts). */
export const DEV_SECRETS_ENCRYPTION_KEY = "ZGV2ZWxvcG1lbnQtb25seS1rZXktbm90LXNlY3JldCE=";

export const secretsKeySchema = z
  .string()
  .default(DEV_SECRETS_ENCRYPTION_KEY)
  .transform((value) => Buffer.from(value, "base64"))
  .refine((key) => key.length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets the api must read back (TOTP secrets, SSO client secrets). `context`
 * is bound as associated data (e.g. "totp:<user id>"), so a ciphertext copied to another row
 * does not decrypt there. Stored as `v1:<base64 iv | ciphertext | tag>`.
 */
export function encryptSecret(key: Buffer, plaintext: Uint8Array, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}:${Buffer.concat([iv, body]).toString("base64")}`;
}

/** The plaintext; throws when the key, context or ciphertext is wrong (GCM authenticates). */
export function decryptSecret(key: Buffer, stored: string, context: string): Buffer {
  const [version, payload] = stored.split(":");
  if (version !== VERSION || !payload) throw new Error("unknown encrypted secret format");
  const bytes = Buffer.from(payload, "base64");
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
    decipher.final(),
  ]);
}
