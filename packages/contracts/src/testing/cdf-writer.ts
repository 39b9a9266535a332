// A test-side IEEE Common Data Format writer: builds CDF test cases from MATPOWER cases (the IEEE
// 14/30/118-bus systems ship as MATPOWER files here; the public CDF originals are not reachable),
// so that the CDF importer can be checked against the MATPOWER importer on the same data.
// Card layouts: IEEE Working Group, "Common Data Format for the Exchange of Solved Load Flow
// Data", IEEE Trans. PAS-92 (6), 1973; columns as in importers/cdf/columns.ts.

import { BRANCH, BUS, type Field, TITLE } from "../importers/cdf/columns.ts";
import { rowsOf } from "../importers/matpower/matrix.ts";
import { parseMatpowerText } from "../importers/matpower/parse.ts";

/** A number written right-aligned into `width` columns, with as many digits as fit. */
function fitted(value: number, width: number): string {
  for (let digits = 10; digits >= 1; digits--) {
    const text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(digits)));
    if (text.length <= width) return text;
  }
  throw new Error(`${value} does not fit in ${width} columns`);
}

class Card {
  readonly #chars: string[] = Array.from({ length: 128 }, () => " ");

  put([, first, last]: Field, value: number | string, align: "left" | "right" = "right"): this {
    const width = last - first + 1;
    const text = typeof value === "number" ? fitted(value, width) : value.slice(0, width);
    const padded = align === "right" ? text.padStart(width) : text.padEnd(width);
    this.#chars.splice(first - 1, width, ...padded);
    return this;
  }

  toString(): string {
    return this.#chars.join("").trimEnd();
  }
}

/**
 * The CDF cards of a MATPOWER case: bus types 1/2/3 become 0/2/3, Gs/Bs (MW, Mvar) G/B in pu on
 * the MVA base, the units of a bus are summed onto its bus card (CDF has one generation per bus;
 * their MVA base becomes the case's, so cases whose mBase differs from baseMVA do not agree), a
 * branch with TAP 0 and SHIFT 0 is a line (type 0), any other a transformer (type 1, or 4 with a
 * phase shift) with its ratio and angle. Out-of-service units and branches cannot be written.
 */
export function matpowerToCdf(text: string, caseName: string): string {
  const parsed = parseMatpowerText(text);
  const base = parsed.scalars.get("baseMVA")?.value ?? 100;
  const rows = (name: string) => {
    const matrix = parsed.matrices.get(name);
    return matrix ? rowsOf(matrix) : [];
  };
  const generation = new Map<number, number[]>();
  for (const [bus = 0, pg = 0, qg = 0, qmax = 0, qmin = 0, vg = 1, , status = 1] of rows("gen")) {
    if (status <= 0) throw new Error(`out-of-service unit at bus ${bus}: CDF cannot carry it`);
    const [p = 0, q = 0, hi = 0, lo = 0] = generation.get(bus) ?? [];
    generation.set(bus, [p + pg, q + qg, hi + qmax, lo + qmin, vg]);
  }
  const title = new Card().put([TITLE.MVA_BASE[0], 2, 9], "01/01/73").put(TITLE.MVA_BASE, base);
  title.put([TITLE.CASE[0], 11, 30], "AMPFLUX TESTS", "left").put(TITLE.CASE, caseName, "left");
  const out = [title.toString(), `BUS DATA FOLLOWS                            ${rows("bus").length} ITEMS`];
  for (const b of rows("bus")) {
    const [number, type, pd, qd, gs, bs, area, vm, va, kv, zone] = b as number[];
    const gen = generation.get(number ?? 0) ?? [0, 0, 0, 0, 0];
    const card = new Card()
      .put(BUS.NUMBER, number ?? 0)
      .put(BUS.NAME, `BUS ${number}`, "left")
      .put(BUS.AREA, area ?? 1)
      .put(BUS.ZONE, zone ?? 1)
      .put(BUS.TYPE, type === 1 ? 0 : (type ?? 0))
      .put(BUS.VM, vm ?? 1)
      .put(BUS.VA, va ?? 0)
      .put(BUS.LOAD_MW, pd ?? 0)
      .put(BUS.LOAD_MVAR, qd ?? 0)
      .put(BUS.GEN_MW, gen[0] ?? 0)
      .put(BUS.GEN_MVAR, gen[1] ?? 0)
      .put(BUS.BASE_KV, kv ?? 0)
      .put(BUS.DESIRED_V, generation.has(number ?? 0) ? (gen[4] ?? 0) : 0)
      .put(BUS.MAX_MVAR, gen[2] ?? 0)
      .put(BUS.MIN_MVAR, gen[3] ?? 0)
      .put(BUS.G, (gs ?? 0) / base)
      .put(BUS.B, (bs ?? 0) / base);
    out.push(card.toString());
  }
  out.push("-999", `BRANCH DATA FOLLOWS                         ${rows("branch").length} ITEMS`);
  const circuits = new Map<string, number>();
  for (const br of rows("branch")) {
    const [from, to, r, x, b, rateA, rateB, rateC, tap, shift, status] = br as number[];
    if ((status ?? 1) <= 0) throw new Error(`out-of-service branch ${from}-${to}: CDF cannot carry it`);
    const pair = `${from}-${to}`;
    const circuit = (circuits.get(pair) ?? 0) + 1;
    circuits.set(pair, circuit);
    const type = tap === 0 && shift === 0 ? 0 : shift !== 0 ? 4 : 1;
    const card = new Card()
      .put(BRANCH.TAP_BUS, from ?? 0)
      .put(BRANCH.Z_BUS, to ?? 0)
      .put(["area", 11, 12], 1)
      .put(["zone", 13, 14], 1)
      .put(BRANCH.CIRCUIT, circuit)
      .put(BRANCH.TYPE, type)
      .put(BRANCH.R, r ?? 0)
      .put(BRANCH.X, x ?? 0)
      .put(BRANCH.B, b ?? 0)
      .put(BRANCH.RATE1, rateA ?? 0)
      .put(BRANCH.RATE2, rateB ?? 0)
      .put(BRANCH.RATE3, rateC ?? 0)
      .put(BRANCH.RATIO, type === 0 ? 0 : (tap ?? 0))
      .put(BRANCH.ANGLE, type === 0 ? 0 : (shift ?? 0));
    out.push(card.toString());
  }
  out.push("-999", "LOSS ZONES FOLLOWS                     1 ITEMS", "  1 AMPFLUX", "-99");
  out.push("INTERCHANGE DATA FOLLOWS                 0 ITEMS", "-9");
  out.push("TIE LINES FOLLOWS                     0 ITEMS", "-999", "END OF DATA");
  return `${out.join("\n")}\n`;
}
