import { describeInputIssues } from "@ampflux/contracts";
import { TRPCClientError } from "@trpc/client";

/** The api's validation payload (see apps/api/src/trpc/init.ts errorFormatter). */
export interface ValidationErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[] | undefined>;
  issues: Array<{ path: Array<string | number>; message: string }>;
}

export function validationOf(error: unknown): ValidationErrors | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { zodError?: ValidationErrors | null } | undefined;
  return data?.zodError ?? null;
}

export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** "the network document is invalid:\nbus B3: …\nline L1: …" → "…invalid: bus B3: …; line L1: …". */
const oneLine = (lines: string) => lines.trim().split("\n").join("; ").replaceAll(":; ", ": ");

/**
 * A sentence for the user. The api words input errors as "field: reason" lines (naming network
 * elements); they are joined into one line here. A raw issue dump (an older api, or a proxy in
 * between) is worded the same way from the structured issues; network failures get a plain hint.
 */
export function errorMessage(error: unknown): string {
  if (error == null) return "";
  const message = error instanceof Error ? error.message : String(error);
  const validation = validationOf(error);
  if (validation && /^\s*[[{]/.test(message)) {
    if (validation.formErrors.length > 0) return validation.formErrors.join("; ");
    return oneLine(describeInputIssues(validation.issues, undefined));
  }
  if (error instanceof TRPCClientError && !error.data && /fetch|network/i.test(message))
    return "The server could not be reached. Check your connection and try again.";
  return oneLine(message);
}

/** Messages for one top-level input field, e.g. fieldError(error, "email"). */
export function fieldError(error: unknown, field: string): string | undefined {
  const messages = validationOf(error)?.fieldErrors[field];
  return messages?.length ? messages.join("; ") : undefined;
}
