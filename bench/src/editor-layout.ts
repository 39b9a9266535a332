// The large cases with the editor's automatic layout, as JSON, computed in a worker thread: the
// force layout (tens of seconds and a few hundred MB for case13659pegase) then leaves nothing in
// the heap of the bench's own process, which also runs the api the browser talks to. Laid out in
// that process, the api's requests were slowed by the layout's garbage (case13659pegase opened
// 2.0–2.4 s with the documents laid out beforehand elsewhere, 2.7–3.1 s laid out in process).

import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { withForceLayout } from "../../apps/web/src/editor/layout/force-layout.ts";
import { normalizeDocument } from "../../apps/web/src/editor/model/document.ts";
import { matpowerNetwork } from "./networks.ts";

/** Each MATPOWER case as the editor would save it after an import, as JSON. */
export function laidOutJson(names: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: names });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`the layout worker exited with ${code}`)));
  });
}

if (!isMainThread) {
  const names = workerData as string[];
  const json: string[] = [];
  for (const name of names) {
    const { document } = await matpowerNetwork(name);
    json.push(
      JSON.stringify(withForceLayout(normalizeDocument(document as unknown as Record<string, unknown>))),
    );
  }
  parentPort?.postMessage(json);
}
