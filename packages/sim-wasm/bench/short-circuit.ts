// `pnpm bench` (second part): all-bus IEC 60909 studies on MATPOWER cases imported with the
// importer's documented short-circuit defaults. Prints the engine's phase timings (best of 3)
// and the wall time of shortCircuit(); nothing is asserted.

import { readFile } from "node:fs/promises";
import type { FaultType } from "@ampflux/contracts";
import { importMatpower } from "@ampflux/contracts/importers";
import { loadSimCore } from "../src/index.ts";

const CASES = ["case1354pegase", "case9241pegase", "case_ACTIVSg10k", "case13659pegase"];
const STUDIES: { fault: FaultType; kappa_method: "B" | "C" }[] = [
  { fault: "3ph", kappa_method: "C" },
  { fault: "3ph", kappa_method: "B" },
  { fault: "1ph", kappa_method: "C" },
];

const core = await loadSimCore();
const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
console.log(
  "case | buses | generators | study | total ms | model | factorize | inverse | transfer | peak network | zero seq | results",
);
for (const name of CASES) {
  const text = await readFile(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");
  const { document } = importMatpower(text);
  for (const study of STUDIES) {
    let best: { total: number; timings: Record<string, number> } | undefined;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      const result = core.shortCircuit(document, study);
      const total = performance.now() - t;
      if (!best || total < best.total) best = { total, timings: result.timings };
    }
    const p = best?.timings ?? {};
    const phases = ["model", "factorize", "inverse", "transfer", "peak network", "zero sequence", "results"];
    console.log(
      [
        name,
        document.buses.length,
        document.generators.length,
        `${study.fault} κ ${study.kappa_method}`,
        fmt(best?.total ?? 0),
        ...phases.map((ph) => fmt(p[ph] ?? 0)),
      ].join(" | "),
    );
  }
}
