/** How a study stands, for messages: "failed: <why>", "was cancelled", "is still running". */
export function studyState(study: { status: string; error: unknown }): string {
  const reason = (study.error as { message?: string } | null)?.message;
  if (study.status === "failed") return reason ? `failed: ${reason}` : "failed";
  if (study.status === "cancelled") return "was cancelled";
  if (study.status === "succeeded") return "succeeded";
  return `is still ${study.status}`;
}
