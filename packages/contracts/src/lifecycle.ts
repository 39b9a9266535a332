// Account lifecycle (docs/accounts-lifecycle.md): the grace period of a company deletion and what
// an admin sends to ask for one. Shared by the api, the worker's e-mails and the web app.

import { z } from "zod";

/** Spread into an app's settings: days between a deletion request and the purge (0: at once). */
export const lifecycleSettingsShape = {
  COMPANY_DELETION_GRACE_DAYS: z.coerce.number().min(0).max(365).default(30),
};

export const DAY_MS = 86_400_000;

/**
 * A deletion request: the admin's password again, and the company's name typed out so the
 * request cannot be a slip of the mouse.
 */
export const companyDeletionRequestSchema = z.object({
  password: z.string().min(1, "is required").max(256),
  confirmName: z.string().trim().min(1, "is required").max(200),
});
export type CompanyDeletionRequest = z.infer<typeof companyDeletionRequestSchema>;

/** The file name of an export's archive, e.g. `ampflux-company-2026-12-02-1a2b3c4d.zip`. */
export function exportFileName(kind: "user" | "company", id: string, createdAt: Date): string {
  return `ampflux-${kind === "user" ? "my-data" : "company"}-${createdAt.toISOString().slice(0, 10)}-${id.slice(0, 8)}.zip`;
}
