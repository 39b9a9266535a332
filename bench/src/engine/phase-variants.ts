// What the duty and arc-flash benchmarks share: an all-bus study timed cold and warm with its own
// lap for one phase, each variant in its own Node process (so "cold", the first study on a fresh
// WASM instance, JIT included, is as cold for each), and the table's percentages.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ShortCircuitOptionsInput, ShortCircuitResult } from "@ampflux/contracts";
import { loadSimCore, ValidatedNetwork } from "@ampflux/sim-wasm";

export interface PhaseTimes {
  /** First study on a fresh WASM instance in a fresh process. */
  coldMs: number;
  /** Best of the repeats that follow. */
  warmMs: number;
  /** The study's own lap of the phase: the smallest over the warm runs, and in the cold run. */
  lapMs: number;
  coldLapMs: number;
  /** The rest of the study (total − lap): the smallest over the warm runs. */
  restMs: number;
}

/**
 * `input` validated as the api validates on save, then studied once cold and `repeats` times
 * warm; `phase` names the lap in the study's timings. The cold run's result is returned with
 * the times, for the counts of a row.
 */
export async function timePhase(
  input: unknown,
  options: ShortCircuitOptionsInput,
  repeats: number,
  phase: string,
): Promise<{ times: PhaseTimes; cold: ShortCircuitResult }> {
  const validated = ValidatedNetwork.check(input);
  const core = await loadSimCore();
  const run = () => {
    const t = performance.now();
    const result = core.shortCircuit(validated, options);
    return { ms: performance.now() - t, result };
  };
  const cold = run();
  const warm = Array.from({ length: repeats }, run);
  const lap = (r: { result: ShortCircuitResult }) => r.result.timings[phase] ?? 0;
  return {
    cold: cold.result,
    times: {
      coldMs: cold.ms,
      warmMs: Math.min(...warm.map((r) => r.ms)),
      lapMs: Math.min(...warm.map(lap)),
      coldLapMs: lap(cold),
      restMs: Math.min(...warm.map((r) => r.ms - lap(r))),
    },
  };
}

/** Every variant of the benchmark at `script`, each in a child process printing one JSON row. */
export function measureInChildren<Row>(script: string, variants: readonly string[], quick: boolean): Row[] {
  const network = quick ? "case1354pegase" : "case9241pegase";
  const repeats = quick ? 3 : 8;
  return variants.map((variant) => {
    const out = execFileSync(process.execPath, [fileURLToPath(script), variant, network, String(repeats)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    return JSON.parse(out) as Row;
  });
}

/**
 * The child's side: when `script` is the program run (`node <script> <variant> [network]
 * [repeats]`), measures that variant and prints its row as one JSON line.
 */
export async function measureIfMain<Variant extends string>(
  script: string,
  variants: readonly Variant[],
  measure: (variant: Variant, network: string, repeats: number) => Promise<unknown>,
): Promise<void> {
  if (process.argv[1] !== fileURLToPath(script)) return;
  const [variant, network = "case9241pegase", repeats = "5"] = process.argv.slice(2);
  if (!variants.includes(variant as Variant))
    throw new Error(`variant must be one of: ${variants.join(", ")}`);
  const row = await measure(variant as Variant, network, Number(repeats));
  process.stdout.write(`${JSON.stringify(row)}\n`);
  process.exit(0);
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

/** The table's timing columns; `lap` names the phase's lap ("duty lap", "lap"). */
export const phaseColumns = (lap: string) => [
  "cold ms",
  "warm ms",
  `${lap} cold ms`,
  `${lap} warm ms`,
  "added cold",
  "added warm",
  "lap / rest cold",
  "lap / rest warm",
];

/**
 * A row's cells under phaseColumns: "added" compares whole studies with `base` (the variant
 * without the phase); "lap / rest" is the phase against the study's other phases in the same
 * process: cold, in the first run; warm, the smallest lap over the smallest rest.
 */
export function phaseCells(r: PhaseTimes, base: PhaseTimes | undefined): (string | number)[] {
  return [
    r.coldMs,
    r.warmMs,
    r.coldLapMs,
    r.lapMs,
    base ? percent(r.coldMs - base.coldMs, base.coldMs) : "",
    base ? percent(r.warmMs - base.warmMs, base.warmMs) : "",
    percent(r.coldLapMs, r.coldMs - r.coldLapMs),
    percent(r.lapMs, r.restMs),
  ];
}
