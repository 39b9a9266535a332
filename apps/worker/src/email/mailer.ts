import { smtpTransportOptions } from "@ampflux/contracts";
import { createTransport } from "nodemailer";
import type { WorkerSettings } from "../settings.ts";

/** A stalled SMTP server fails the attempt (graphile-worker retries it) instead of holding the job. */
const SMTP_TIMEOUT_MS = 30_000;

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** The web app's address, for links in messages. */
  appUrl: string;
  /** Rejects when the server is unreachable or refuses the message. */
  send(message: EmailMessage): Promise<void>;
}

/** The SMTP sender of the settings; undefined while EMAIL_ENABLED is off. */
export function createMailer(settings: WorkerSettings): Mailer | undefined {
  if (!settings.EMAIL_ENABLED) return undefined;
  // Not pooled: a connection per message, so nothing stays open between (rare) emails.
  const transport = createTransport(smtpTransportOptions(settings, SMTP_TIMEOUT_MS));
  return {
    appUrl: settings.APP_URL.replace(/\/+$/, ""),
    async send(message) {
      await transport.sendMail({ from: settings.SMTP_FROM, ...message });
    },
  };
}
