import { loadSimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { matpowerNetwork } from "../networks.ts";

const name = process.argv[2] ?? "case1354pegase";
const { document } = await matpowerNetwork(name);
const doc = {
  ...document,
  lines: document.lines.map((l) => ({ ...l, type: "490-AL1/64-ST1A 380.0" })),
  switches: document.lines.flatMap((l) =>
    [l.from_bus, l.to_bus].map((bus, end) => ({
      id: `CB ${l.id} ${end}`,
      bus,
      element: l.id,
      element_type: "line" as const,
      type: "CB 420 kV 63 kA (IEC 62271-100)",
    })),
  ),
};
const core = await loadSimCore();
const v = ValidatedNetwork.check(doc);
for (const mode of ["bus", "through"] as const) {
  const t = performance.now();
  const r = core.shortCircuit(v, { duty: true, duty_current: mode });
  console.log(
    name,
    mode,
    (performance.now() - t).toFixed(0),
    "ms, duty lap",
    r.timings.duty?.toFixed(0),
    "checks",
    r.duty?.length,
  );
}
