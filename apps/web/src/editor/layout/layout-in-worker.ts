import type { EditorDocument } from "../model/document.ts";
import type { Point } from "../model/layout.ts";

let worker: Worker | null = null;
let nextId = 0;

const startWorker = () => new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });

/**
 * Starts the layout worker ahead of its first layout (the editor calls it when idle): loading
 * and compiling the worker's module took ~100 ms of the first import's time.
 */
export function prepareLayoutWorker(): void {
  worker ??= startWorker();
}

/**
 * The document with every bus placed, computed by the force layout in a Web Worker (the main
 * thread only posts the document and applies the positions). Documents whose buses all have a
 * position come back unchanged without a round trip.
 */
export async function layoutInWorker(doc: EditorDocument): Promise<EditorDocument> {
  if (doc.buses.every((b) => b.geo)) return doc;
  worker ??= startWorker();
  const id = ++nextId;
  const running = worker;
  const placed = await new Promise<Array<[string, Point]>>((resolve, reject) => {
    const onMessage = (
      event: MessageEvent<{ id: number; placed?: Array<[string, Point]>; error?: string }>,
    ) => {
      if (event.data.id !== id) return;
      running.removeEventListener("message", onMessage);
      if (event.data.error !== undefined) reject(new Error(`automatic layout failed: ${event.data.error}`));
      else resolve(event.data.placed ?? []);
    };
    running.addEventListener("message", onMessage);
    running.postMessage({ id, doc });
  });
  const positions = new Map(placed);
  return {
    ...doc,
    buses: doc.buses.map((b) => (positions.has(b.id) ? { ...b, geo: positions.get(b.id) } : b)),
  };
}
