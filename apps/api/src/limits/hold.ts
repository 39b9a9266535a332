import type { Release } from "./abuse.ts";

type Result = { ok: true; data: unknown } | { ok: false };

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

/** The stream, releasing when it ends, fails or its consumer stops reading. */
async function* releasingAtEnd(source: AsyncIterable<unknown>, release: Release) {
  try {
    yield* source;
  } finally {
    await release();
  }
}

/**
 * Runs the rest of a procedure (`next`) holding a slot: a query or mutation gives it back when it
 * returns, a subscription when its stream ends or its client goes away (`signal`), even if the
 * stream was never read.
 */
export async function holdWhileRunning<R extends Result>(
  release: Release,
  type: string,
  signal: AbortSignal | undefined,
  next: () => Promise<R>,
): Promise<R> {
  let result: R;
  try {
    result = await next();
  } catch (error) {
    await release();
    throw error;
  }
  if (type !== "subscription" || !result.ok) {
    await release();
    return result;
  }
  if (signal?.aborted) await release();
  else signal?.addEventListener("abort", () => void release(), { once: true });
  if (!isAsyncIterable(result.data)) return result;
  return { ...result, data: releasingAtEnd(result.data, release) } as R;
}
