/** A study in one of these states will not change any more. */
export const isFinished = (status: string): boolean =>
  status === "succeeded" || status === "failed" || status === "cancelled";
