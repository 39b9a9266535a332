import type { AppRouter } from "@ampflux/api";
import { TRPCClientError } from "@trpc/client";

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** A failed api call as one line: the api's own message, the first invalid field, or why it was not reached. */
export function describeApiError(error: TRPCClientError<AppRouter>, url: string): string {
  const issues = error.data?.zodError?.issues ?? [];
  const [first] = issues;
  // A failed input parse's message is the issues as JSON; the api's own checks write sentences.
  if (first && /^\s*[[{]/.test(error.message)) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    return `invalid ${first.path.join(".") || "input"}: ${oneLine(first.message)}${more}`;
  }
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
