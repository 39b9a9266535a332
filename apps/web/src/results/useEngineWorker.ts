import { useCallback, useEffect, useRef } from "react";
import type { EditorDocument } from "../editor/model/document.ts";
import { documentPatch } from "./document-patch.ts";
import type { WireRequest } from "./protocol.ts";

/**
 * The engine's Web Worker (engine.worker.ts) while `enabled`: `post` numbers each request, and
 * only the answer to the latest one reaches `onAnswer` (superseded answers are dropped);
 * `onFailure` hears when the worker itself fails. The worker keeps the document it was sent
 * last: a request carries only what changed since (document-patch.ts).
 */
export function useEngineWorker<
  Request extends { seq: number; document: EditorDocument },
  Answer extends { seq: number },
>(enabled: boolean, onAnswer: (answer: Answer) => void, onFailure: (message: string) => void) {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  /** The document the present worker holds (null: none yet). */
  const sent = useRef<EditorDocument | null>(null);
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
    sent.current = null;
    return () => {
      w.terminate();
      worker.current = null;
      seq.current += 1; // whatever was in flight is superseded
    };
  }, [enabled]);

  /** Sends a request (its seq filled in); returns that seq. */
  const post = useCallback((request: Omit<Request, "seq">) => {
    seq.current += 1;
    const w = worker.current;
    if (w) {
      const { document, ...rest } = request;
      const message = { ...rest, seq: seq.current, patch: documentPatch(sent.current, document) };
      w.postMessage(message satisfies WireRequest<{ seq: number; document: EditorDocument }>);
      sent.current = document;
    }
    return seq.current;
  }, []);

  /** Drops the answer to whatever is in flight (a request that will not be sent replaces it). */
  const supersede = useCallback(() => {
    seq.current += 1;
  }, []);

  return { post, supersede };
}
