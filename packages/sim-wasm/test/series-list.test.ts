import { describe, expect, it } from "vitest";
import { buildModel } from "../src/iec60909/build-model.ts";
import { correctionFactors } from "../src/iec60909/kernels.ts";
import { type SeriesElement, SeriesList } from "../src/iec60909/model.ts";
import { ValidatedNetwork } from "../src/index.ts";
import { instantiateSim } from "../src/loader.ts";
import { syntheticNetwork } from "../src/synthetic-network.ts";

// A model's series elements are kept as one array per field (model.ts): what is added is what
// is read back, past the capacity it was sized with too, and nothing beyond its length.
describe("SeriesList", () => {
  const element = (k: number): SeriesElement => ({
    id: `e${k}`,
    kind: k % 2 === 0 ? "line" : "transformer",
    from: k,
    to: k + 1,
    z: { re: 0.01 * k, im: -0.1 * k - 0.5 },
    ratio: 1 + k / 100,
    shiftDeg: k % 3 === 0 ? -150 : 0,
  });

  it("gives back every element added, in order, when it outgrows its capacity", () => {
    const list = new SeriesList(3);
    const added = Array.from({ length: 20 }, (_, k) => element(k));
    for (const e of added) list.push(e);
    expect(list.length).toBe(20);
    expect([...list]).toEqual(added);
    expect(list.at(7)).toEqual(added[7]);
    expect(list.map((e) => e.id)).toEqual(added.map((e) => e.id));
    expect(list.filter((e) => e.kind === "transformer")).toEqual(
      added.filter((e) => e.kind === "transformer"),
    );
  });

  it("has no element outside 0 … length − 1, whatever its capacity", () => {
    const list = new SeriesList(10);
    list.add("a", "impedance", 0, 1, 0.1, 0.2, 1, 0);
    expect(list.length).toBe(1);
    expect([list.at(-1), list.at(1), list.at(9)]).toEqual([undefined, undefined, undefined]);
    expect([...list].map((e) => e.id)).toEqual(["a"]);
  });

  it("holds a built model's lines with the impedances in per unit of the to-bus base", async () => {
    const network = ValidatedNetwork.check(syntheticNetwork(40));
    const model = buildModel(
      network.document,
      { case: "max", lv_tolerance_percent: 6 },
      correctionFactors(await instantiateSim()),
    );
    const line = network.document.lines[5];
    const k = model.positive.series.id.indexOf(line?.id ?? "");
    const e = model.positive.series.at(k);
    // 110 kV: Z_base = 110² / 100 = 121 ohm; 0.06 + j0.4 ohm/km over the line's length.
    const km = line?.length_km ?? 0;
    expect(e?.z.re).toBeCloseTo((0.06 * km) / 121, 15);
    expect(e?.z.im).toBeCloseTo((0.4 * km) / 121, 15);
    expect(model.zero.series.at(model.zero.series.id.indexOf(line?.id ?? ""))?.z.im).toBeCloseTo(
      (1.2 * km) / 121,
      15,
    );
    expect(model.positive.series.length).toBe(network.document.lines.length);
  });
});
