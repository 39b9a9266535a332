// Small pure helpers of the Reports page: statuses, sizes and the base64 documents of reports.download.

/** A report in one of these states will not change any more (until a signature re-renders it). */
export const isReportFinished = (status: string): boolean => status === "done" || status === "failed";

/** Bytes as a reader sees a file size: B, kB or MB (decimal, like a file manager). */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "–";
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

/** The bytes of reports.download's base64 (the api sends documents inside the tRPC answer). */
export function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The HTML page of reports.download as text (UTF-8). */
export const textOfBase64 = (base64: string): string => new TextDecoder().decode(bytesOfBase64(base64));

/** Who created a report: the member's name, or a note when they are no longer a member. */
export function creatorName(
  userId: string | null,
  members: ReadonlyArray<{ userId: string; name: string }> | undefined,
): string {
  if (!userId) return "a deleted user";
  return members?.find((m) => m.userId === userId)?.name ?? "a former member";
}

/** A failed report's stored error (a sentence, or the worker's { message, ...details }). */
export function errorText(error: string | { message: string } | null | undefined): string {
  if (error == null) return "unknown error";
  return typeof error === "string" ? error : error.message;
}
