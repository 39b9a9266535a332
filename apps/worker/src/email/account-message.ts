import {
  ACCOUNT_LINK_PATHS,
  type AccountEmail,
  EMAIL_VERIFICATION_LIFETIME_MS,
  PASSWORD_RESET_LIFETIME_MS,
} from "@ampflux/contracts";
import type { EmailMessage } from "./mailer.ts";

const minutes = (ms: number) => Math.round(ms / 60_000);
const hours = (ms: number) => Math.round(ms / 3_600_000);

/** Subject and body lines before the closing, per kind; the link (if any) is passed in. */
function content(email: AccountEmail, link: string | undefined): { subject: string; lines: string[] } {
  switch (email.kind) {
    case "password_reset":
      return {
        subject: "Reset your AmpFlux password",
        lines: [
          "Someone (we hope you) asked to reset the password of your AmpFlux account.",
          `Choose a new password here (the link works once, for ${minutes(PASSWORD_RESET_LIFETIME_MS)} minutes):`,
          "",
          `${link}`,
          "",
          "Setting a new password logs you out everywhere. If you did not ask for this, ignore this email:",
          "your password stays as it is.",
        ],
      };
    case "verify_email":
      return {
        subject: "Confirm your email address for AmpFlux",
        lines: [
          "Please confirm that this is your email address by opening this link",
          `(it works for ${hours(EMAIL_VERIFICATION_LIFETIME_MS)} hours):`,
          "",
          `${link}`,
        ],
      };
    case "change_email":
      return {
        subject: "Confirm your new email address for AmpFlux",
        lines: [
          "You asked to use this address for your AmpFlux account. Open this link to confirm it",
          `(it works for ${hours(EMAIL_VERIFICATION_LIFETIME_MS)} hours); until then your old address stays in use:`,
          "",
          `${link}`,
          "",
          "If you did not ask for this, ignore this email.",
        ],
      };
    case "email_changed":
      return {
        subject: "Your AmpFlux email address was changed",
        lines: [
          `The email address of your AmpFlux account is now ${email.newEmail}; this address no longer logs in.`,
          "If you did not make this change, contact your company's AmpFlux administrator at once.",
        ],
      };
  }
}

/** The plain-text email of an account event, with its single-use link under `appUrl`. */
export function accountEmailMessage(email: AccountEmail, appUrl: string): EmailMessage {
  const link =
    "token" in email
      ? `${appUrl}${ACCOUNT_LINK_PATHS[email.kind]}?token=${encodeURIComponent(email.token)}`
      : undefined;
  const { subject, lines } = content(email, link);
  const text = [`Hello ${email.name},`, "", ...lines, "", "-- ", "AmpFlux"].join("\n");
  return { to: email.to, subject, text: `${text}\n` };
}
