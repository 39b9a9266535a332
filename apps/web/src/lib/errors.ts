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

/**
 * A sentence for the user. Input validation failures carry tRPC's JSON dump as their message;
 * those are summarised (the fields show the details); network failures get a plain hint.
 */
export function errorMessage(error: unknown): string {
  if (error == null) return "";
  const message = error instanceof Error ? error.message : String(error);
  const validation = validationOf(error);
  if (validation && /^\s*[[{]/.test(message)) {
    if (validation.formErrors.length > 0) return validation.formErrors.join("; ");
    const first = validation.issues[0];
    return first
      ? `Please correct the highlighted fields (${first.path.join(".")}: ${first.message}).`
      : "The input is invalid.";
  }
  if (error instanceof TRPCClientError && !error.data && /fetch|network/i.test(message))
    return "The server could not be reached. Check your connection and try again.";
  return message;
}

/** Messages for one top-level input field, e.g. fieldError(error, "email"). */
export function fieldError(error: unknown, field: string): string | undefined {
  const messages = validationOf(error)?.fieldErrors[field];
  return messages?.length ? messages.join("; ") : undefined;
}
