import { useCallback, useEffect, useRef } from "react";

/**
 * The engine's Web Worker (engine.worker.ts) while `enabled`: `post` numbers each request, and
 * only the answer to the latest one reaches `onAnswer` (superseded answers are dropped);
 * `onFailure` hears when the worker itself fails.
 */
export function useEngineWorker<Request extends { seq: number }, Answer extends { seq: number }>(
  enabled: boolean,
  onAnswer: (answer: Answer) => void,
  onFailure: (message: string) => void,
) {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  // The latest callbacks, so that the worker is not restarted when they change.
  const handlers = useRef({ onAnswer, onFailure });
  handlers.current = { onAnswer, onFailure };

  useEffect(() => {
    if (!enabled) return;
    const w = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (event: MessageEvent<Answer>) => {
      if (event.data.seq === seq.current) handlers.current.onAnswer(event.data);
    };
    w.onerror = (event) => handlers.current.onFailure(`the engine worker failed: ${event.message}`);
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
      seq.current += 1; // whatever was in flight is superseded
    };
  }, [enabled]);

  /** Sends a request (its seq filled in); returns that seq. */
  const post = useCallback((request: Omit<Request, "seq">) => {
    seq.current += 1;
    worker.current?.postMessage({ ...request, seq: seq.current });
    return seq.current;
  }, []);

  /** Drops the answer to whatever is in flight (a request that will not be sent replaces it). */
  const supersede = useCallback(() => {
    seq.current += 1;
  }, []);

  return { post, supersede };
}
