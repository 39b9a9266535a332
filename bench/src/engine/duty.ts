// Duty on a large network: an all-bus three-phase maximum-case study of case9241pegase without
// duty, with duty as imported (nothing rated: one warning), and with duty after giving every bus
// and line a built-in type (and, in the last variant, a built-in breaker at both ends of every
// line), resolved by validation as the api resolves on save. Each variant runs in its own Node
// process, so "cold" (the first study on a fresh WASM instance, JIT included) is as cold for each.
// Run alone: `node bench/src/engine/duty.ts <variant> [network] [repeats]` prints one JSON row.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { NetworkDocument, NetworkDocumentInput } from "@ampflux/contracts";
import { loadSimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { matpowerNetwork } from "../networks.ts";
import { table } from "../report.ts";

export const DUTY_VARIANTS = [
  "no duty",
  "duty, unrated",
  "duty, typed buses and lines",
  "duty, typed + breakers",
] as const;
export type DutyVariant = (typeof DUTY_VARIANTS)[number];

export interface DutyRow {
  network: string;
  buses: number;
  variant: DutyVariant;
  checks: number;
  /** First study on a fresh WASM instance in a fresh process. */
  coldMs: number;
  /** Best of the repeats that follow. */
  warmMs: number;
  /** The study's own "duty" lap in the warm run. */
  dutyLapMs: number;
  /** The study's own "duty" lap in the cold run. */
  coldDutyLapMs: number;
}

/** Built-in types (packages/contracts/src/types): IEC 62271 switchgear, a pandapower overhead line. */
const BUS_TYPE = "Switchgear 63 kA 1 s (IEC 62271-200)";
const LINE_TYPE = "490-AL1/64-ST1A 380.0";
const BREAKER_TYPE = "CB 420 kV 63 kA (IEC 62271-100)";

/** `type` set on every bus and line (and breakers added); resolveTypes fills only unset fields. */
function rated(doc: NetworkDocument, breakers: boolean): NetworkDocumentInput {
  return {
    ...doc,
    buses: doc.buses.map((b) => ({ ...b, type: BUS_TYPE })),
    lines: doc.lines.map((l) => ({ ...l, type: LINE_TYPE })),
    switches: breakers
      ? doc.lines.flatMap((l) =>
          [l.from_bus, l.to_bus].map((bus, end) => ({
            id: `CB ${l.id} ${end}`,
            bus,
            element: l.id,
            element_type: "line" as const,
            type: BREAKER_TYPE,
          })),
        )
      : doc.switches,
  };
}

export async function measureDutyVariant(
  variant: DutyVariant,
  network: string,
  repeats: number,
): Promise<DutyRow> {
  const { document } = await matpowerNetwork(network);
  const input =
    variant === "duty, typed buses and lines"
      ? rated(document, false)
      : variant === "duty, typed + breakers"
        ? rated(document, true)
        : document;
  const validated = ValidatedNetwork.check(input);
  const core = await loadSimCore();
  const options = { fault: "3ph" as const, case: "max" as const, duty: variant !== "no duty" };
  const run = () => {
    const t = performance.now();
    const result = core.shortCircuit(validated, options);
    return { ms: performance.now() - t, result };
  };
  const cold = run();
  let warm = run();
  for (let k = 1; k < repeats; k++) {
    const next = run();
    if (next.ms < warm.ms) warm = next;
  }
  return {
    network,
    buses: document.buses.length,
    variant,
    checks: cold.result.duty?.length ?? 0,
    coldMs: cold.ms,
    warmMs: warm.ms,
    dutyLapMs: warm.result.timings.duty ?? 0,
    coldDutyLapMs: cold.result.timings.duty ?? 0,
  };
}

/** Every variant, each in a child process; the first (no duty) is the baseline of the overhead. */
export function benchDuty(quick: boolean): DutyRow[] {
  const network = quick ? "case1354pegase" : "case9241pegase";
  const repeats = quick ? 3 : 8;
  return DUTY_VARIANTS.map((variant) => {
    const out = execFileSync(
      process.execPath,
      [fileURLToPath(import.meta.url), variant, network, String(repeats)],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    return JSON.parse(out) as DutyRow;
  });
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

/**
 * Cold and warm beside each other. "added" compares with the no-duty row (other processes on a
 * shared machine move it by more than duty costs); "duty lap" is the duty phase's share of the
 * same run's other phases, which that noise does not touch.
 */
export function dutyTable(rows: DutyRow[]): string {
  const base = rows.find((r) => r.variant === "no duty");
  return table(
    [
      "variant",
      "checks",
      "cold ms",
      "warm ms",
      "duty lap cold ms",
      "duty lap warm ms",
      "added cold",
      "added warm",
      "lap / rest cold",
      "lap / rest warm",
    ],
    rows.map((r) => [
      r.variant,
      r.checks,
      r.coldMs,
      r.warmMs,
      r.coldDutyLapMs,
      r.dutyLapMs,
      base ? percent(r.coldMs - base.coldMs, base.coldMs) : "",
      base ? percent(r.warmMs - base.warmMs, base.warmMs) : "",
      percent(r.coldDutyLapMs, r.coldMs - r.coldDutyLapMs),
      percent(r.dutyLapMs, r.warmMs - r.dutyLapMs),
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [variant, network = "case9241pegase", repeats = "5"] = process.argv.slice(2);
  if (!DUTY_VARIANTS.includes(variant as DutyVariant))
    throw new Error(`variant must be one of: ${DUTY_VARIANTS.join(", ")}`);
  const row = await measureDutyVariant(variant as DutyVariant, network, Number(repeats));
  process.stdout.write(`${JSON.stringify(row)}\n`);
  process.exit(0);
}
