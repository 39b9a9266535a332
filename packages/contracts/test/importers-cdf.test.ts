import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CdfParseError, importCdf, importMatpower, importNetworkFile } from "../src/importers/index.ts";
import { busesWithoutSource, type NetworkDocument, validateNetwork } from "../src/index.ts";
import { matpowerToCdf } from "../src/testing/index.ts";
import { caught } from "./caught.ts";

/**
 * The CDF cases are generated from the MATPOWER cases by the test-side writer matpowerToCdf
 * (src/testing/cdf-writer.ts): the IEEE 14/30/118-bus systems are MATPOWER translations of the
 * IEEE CDF originals, which are not reachable here. Both importers must then give one document.
 */
/**
 * What both formats can agree on: CDF has one generation per bus card, so units come in bus
 * order (case30 lists its units in another order: ids differ, data agree), and G/B in pu times
 * the MVA base can differ from the MATPOWER Mvar in the last bit.
 */
function comparable(doc: NetworkDocument) {
  const generators = doc.generators
    .map(({ id: _id, ...g }) => g)
    .sort((a, b) => Number(a.bus) - Number(b.bus));
  const json = JSON.stringify({ ...doc, name: "", generators }, (_key, value) =>
    typeof value === "number" ? Number(value.toPrecision(12)) : value,
  );
  return JSON.parse(json);
}

const matpower = (name: string) =>
  readFileSync(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");

describe("importCdf on the IEEE 14, 30 and 118-bus systems (CDF written from the MATPOWER cases)", () => {
  for (const name of ["case14", "case30", "case118"]) {
    it(`${name}: the same document as the MATPOWER import`, () => {
      const text = matpower(name);
      const cdf = importCdf(matpowerToCdf(text, name.toUpperCase()));
      const mp = importMatpower(text);
      expect(validateNetwork(cdf.document).errors).toEqual([]);
      expect(busesWithoutSource(cdf.document)).toEqual([]);
      expect(comparable(cdf.document)).toEqual(comparable(mp.document));
      expect(cdf.report.source).toBe("cdf");
      expect(cdf.report.mapped).toContainEqual({
        from: "bus data",
        to: "buses",
        count: mp.document.buses.length,
      });
      // The report speaks of the CDF's cards, not of MATPOWER's matrices.
      expect(JSON.stringify(cdf.report)).not.toMatch(/mpc\.|MATPOWER/);
    });
  }

  it("reads the cards by their columns (IEEE 14 bus 9 shunt, branch 4-7 transformer)", () => {
    const { document } = importCdf(matpowerToCdf(matpower("case14"), "IEEE 14"));
    // Bus 9: B = 0.19 pu on 100 MVA → a 19 Mvar capacitor, consumer-signed −19 Mvar.
    expect(document.shunts).toEqual([expect.objectContaining({ bus: "9", q_mvar: -19 })]);
    // Branch 4-7: type 1, X = 0.20912 pu, final turns ratio 0.978 on the tap bus 4.
    const trafo = document.transformers.find((t) => t.id === "br8");
    expect(trafo?.vk_percent).toBeCloseTo(20.912, 9);
    expect(trafo?.tap_step_percent).toBeCloseTo(2.2, 9);
  });

  it("is detected by extension and by its BUS DATA FOLLOWS card", () => {
    const text = matpowerToCdf(matpower("case14"), "IEEE 14");
    expect(importNetworkFile("ieee14.cdf", text).format).toBe("cdf");
    expect(importNetworkFile("ieee14.txt", text).format).toBe("cdf");
  });

  it("names the line, field and columns of a bad card", () => {
    const lines = matpowerToCdf(matpower("case14"), "IEEE 14").split("\n");
    const bad = [...lines];
    bad[4] = `${bad[4]?.slice(0, 76)}   abc${bad[4]?.slice(83)}`;
    const error = caught(() => importCdf(bad.join("\n")), CdfParseError);
    expect(error.message).toBe('line 5 (bus card base kV, columns 77-83): "abc" is not a number');
    const noEnd = lines.filter((l) => l !== "-999");
    expect(caught(() => importCdf(noEnd.join("\n")), CdfParseError).message).toMatch(
      /bus data has no -999 end card/,
    );
    const unknown = [...lines];
    unknown[20] = "   1   99  1 1  1 0   0.01938    0.05917    0.0528";
    expect(caught(() => importCdf(unknown.join("\n")), CdfParseError).message).toMatch(
      /^line 21: bus 99 is not in/,
    );
  });
});
