import type { Notification } from "@ampflux/db";
import type { EmailMessage } from "./mailer.ts";

export interface Recipient {
  email: string;
  name: string;
}

/** Where the email of each kind of notification without a project links to, and how it says so. */
const ACCOUNT_LINKS: Partial<Record<Notification["kind"], { path: string; label: string }>> = {
  export_ready: { path: "/account", label: "Download it from your Account page" },
  export_failed: { path: "/account", label: "Your exports" },
  company_deletion_scheduled: { path: "/", label: "Open AmpFlux" },
  company_deletion_cancelled: { path: "/", label: "Open AmpFlux" },
};

/** The plain-text email of a notification: what happened, where, and a link to follow it up. */
export function notificationEmail(
  notification: Pick<Notification, "title" | "body" | "projectId" | "kind">,
  recipient: Recipient,
  project: string | null,
  appUrl: string,
): EmailMessage {
  const lines = [`Hello ${recipient.name},`, "", `${notification.title}.`, notification.body];
  const account = ACCOUNT_LINKS[notification.kind];
  if (notification.projectId)
    lines.push("", `Open the project's studies: ${appUrl}/projects/${notification.projectId}/simulations`);
  else if (account) lines.push("", `${account.label}: ${appUrl}${account.path}`);
  lines.push("", "-- ", "AmpFlux");
  return {
    to: recipient.email,
    subject: project ? `${notification.title}: ${project}` : notification.title,
    text: `${lines.join("\n")}\n`,
  };
}
