// The browser side of the engine benchmark: the page exposes one function the Node driver calls
// per network, so every network gets a fresh WASM instance, as in Node.

import { importMatpower } from "@ampflux/contracts/importers";
import { loadSimCore } from "@ampflux/sim-wasm";
import { measureStudies, repeatsFor, warmUpEngine } from "../engine/measure.ts";
import { syntheticDocument } from "../synthetic.ts";

async function networkFor(spec: { matpower?: string; synthetic?: number }) {
  if (spec.matpower) {
    const text = await (await fetch(`/matpower/${spec.matpower}.m`)).text();
    return { name: spec.matpower, document: importMatpower(text).document };
  }
  return syntheticDocument(spec.synthetic ?? 0);
}

Object.assign(window, {
  benchEngine: async (spec: { matpower?: string; synthetic?: number }) => {
    const { name, document } = await networkFor(spec);
    return measureStudies(await loadSimCore(), name, document, repeatsFor(document.buses.length));
  },
});
warmUpEngine(await loadSimCore());
document.title = "ready";
