/**
 * The reader's next chunk, or "late" once `deadline` (epoch ms) has passed: a client sending its
 * body slowly must not hold a request (and its memory) open for ever.
 */
export async function readBefore<T>(
  reader: ReadableStreamDefaultReader<T>,
  deadline: number,
): Promise<ReadableStreamReadResult<T> | "late"> {
  const wait = deadline - Date.now();
  if (wait <= 0) return "late";
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), wait);
  });
  try {
    return await Promise.race([reader.read(), late]);
  } finally {
    clearTimeout(timer);
  }
}
