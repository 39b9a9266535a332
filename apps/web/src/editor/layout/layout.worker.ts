/// <reference lib="webworker" />
// Lays out an imported network off the main thread, so the page stays responsive meanwhile.
import type { EditorDocument } from "../model/document.ts";
import { forceLayout } from "./force-layout.ts";

self.onmessage = (event: MessageEvent<{ id: number; doc: EditorDocument }>) => {
  const { id, doc } = event.data;
  try {
    const placed = [...forceLayout(doc)];
    self.postMessage({ id, placed });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
