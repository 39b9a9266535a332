import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "@ampflux/contracts";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import QRCode from "qrcode";

/** 160 bits, the key size RFC 4226 recommends for HMAC-SHA-1. */
export function generateTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(20));
}

export interface TotpEnrolment {
  /** The key in base32, for typing into an app that cannot scan. */
  secret: string;
  /** otpauth://totp/… (Key URI Format), what the QR code holds. */
  otpauthUri: string;
  qrCodeSvg: string;
}

export async function describeTotpKey(key: Uint8Array, accountName: string): Promise<TotpEnrolment> {
  const otpauthUri = createTOTPKeyURI("AmpFlux", accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  const qrCodeSvg = await QRCode.toString(otpauthUri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret: encodeBase32UpperCaseNoPadding(key), otpauthUri, qrCodeSvg };
}

/**
 * The RFC 6238 time step `code` is valid for, or null. One step either side of now is accepted
 * (RFC 6238 §5.2's allowance for clock drift and typing time); the caller refuses a step at or
 * before the last one used, so each code works once.
 */
export function matchingTotpStep(key: Uint8Array, code: string, now = Date.now()): number | null {
  const current = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
  for (const step of [current, current - 1, current + 1]) {
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}
