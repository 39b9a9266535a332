import { setTimeout as sleep } from "node:timers/promises";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "@ampflux/contracts";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";

const PERIOD_MS = TOTP_PERIOD_SECONDS * 1000;
const currentStep = () => Math.floor(Date.now() / PERIOD_MS);

/**
 * An authenticator app for tests: RFC 6238 codes (@oslojs/otp) from the base32 secret the api
 * showed. The api accepts each time step once (and one step ahead for clock drift), so each
 * code comes from a later step than the last; when both allowed steps are spent, it waits for
 * the next 30-second window instead of handing out a code the api must refuse.
 */
export class TestAuthenticator {
  readonly #key: Uint8Array;
  #lastStep = Number.NEGATIVE_INFINITY;

  constructor(base32Secret: string) {
    this.#key = decodeBase32IgnorePadding(base32Secret);
  }

  async nextCode(): Promise<string> {
    const step = Math.max(currentStep(), this.#lastStep + 1);
    const waitMs = (step - 1) * PERIOD_MS - Date.now();
    if (waitMs > 0) await sleep(waitMs + 50);
    this.#lastStep = step;
    return generateHOTP(this.#key, BigInt(step), TOTP_DIGITS);
  }

  /** The code of the last step handed out again (a replay the api must refuse). */
  lastCode(): string {
    return generateHOTP(this.#key, BigInt(this.#lastStep), TOTP_DIGITS);
  }
}
