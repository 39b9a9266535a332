import type { Notification } from "@ampflux/db";
import type { EmailMessage } from "./mailer.ts";

export interface Recipient {
  email: string;
  name: string;
}

/** The plain-text email of a notification: what happened, where, and a link to the project's studies. */
export function notificationEmail(
  notification: Pick<Notification, "title" | "body" | "projectId">,
  recipient: Recipient,
  project: string | null,
  appUrl: string,
): EmailMessage {
  const link = notification.projectId && `${appUrl}/projects/${notification.projectId}/simulations`;
  const lines = [`Hello ${recipient.name},`, "", `${notification.title}.`, notification.body];
  if (link) lines.push("", `Open the project's studies: ${link}`);
  lines.push("", "-- ", "AmpFlux");
  return {
    to: recipient.email,
    subject: project ? `${notification.title}: ${project}` : notification.title,
    text: `${lines.join("\n")}\n`,
  };
}
