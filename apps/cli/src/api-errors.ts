import type { AppRouter } from "@ampflux/api";
import { describeInputIssues } from "@ampflux/contracts";
import { TRPCClientError } from "@trpc/client";

/** The api's "field: reason" lines as one line: "…invalid: bus B3: …; line L1: …". */
const oneLine = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .join("; ")
    .replaceAll(":; ", ": ");

/** A failed api call as one line: the api's own message (its "field: reason" lines), or why it was not reached. */
export function describeApiError(error: TRPCClientError<AppRouter>, url: string): string {
  const issues = error.data?.zodError?.issues ?? [];
  // The api words input errors as "field: reason" lines; an older one sent the issues as JSON.
  if (issues.length > 0 && /^\s*[[{]/.test(error.message))
    return oneLine(describeInputIssues(issues, undefined));
  if (error.data) return oneLine(error.message);
  // Not a tRPC answer: a proxy or the api's own middleware (body limit, origin) refused, or no answer.
  const meta = error.meta as { response?: Response; responseJSON?: { error?: string } } | undefined;
  if (meta?.response) {
    const reason = meta.responseJSON?.error ?? meta.response.statusText;
    return `the api at ${url} answered HTTP ${meta.response.status}${reason ? `: ${oneLine(reason)}` : ""}`;
  }
  const cause = (error.cause as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return `cannot reach the api at ${url}: ${cause?.code ?? cause?.message ?? oneLine(error.message)}`;
}

export const isApiError = (error: unknown): error is TRPCClientError<AppRouter> =>
  error instanceof TRPCClientError;
