// The IEEE 14/30/118-bus systems through each import format: the MATPOWER case, the same data
// written as IEEE Common Data Format (the contracts' test-side writer; the public CDF files are
// not reachable here) and as PSS/E RAW v33 (our exporter), each imported and studied, must give
// the same IEC 60909 short-circuit currents at every bus. Balanced and line-to-line faults: the
// cases carry no vector groups or zero sequence data, so a line-to-earth fault has no earth path
// in any of the three and would compare zeros.

import { readFileSync } from "node:fs";
import { exportPsse, importCdf, importMatpower, importPsse } from "@ampflux/contracts/importers";
import { matpowerToCdf } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();
const MATPOWER = new URL("../../../../shared/data/matpower/", import.meta.url);

/** Ik'', ip and Ib per bus, keyed by the bus number (MATPOWER "9", PSS/E "bus9"). */
function currents(document: unknown, fault: "3ph" | "2ph") {
  const { buses } = core.shortCircuit(document, { fault });
  return Object.fromEntries(
    buses.map((b) => [String(b.bus).replace(/^bus/, ""), [b.ikss_ka, b.ip_ka, b.ib_ka]]),
  );
}

type Currents = Record<string, (number | null)[]>;

function close(actual: Currents, expected: Currents) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [bus, values] of Object.entries(expected)) {
    expect(values[0]).toBeGreaterThan(0);
    expect(actual[bus]).toEqual(values.map((v) => (v === null ? null : expect.closeTo(v, 9))));
  }
}

describe("IEEE 14/30/118 from MATPOWER, CDF and RAW give the same short-circuit currents", () => {
  for (const name of ["case14", "case30", "case118"]) {
    const text = readFileSync(new URL(`${name}.m`, MATPOWER), "utf8");
    const matpower = importMatpower(text).document;

    it(`${name}: all-bus 3ph and 2ph, CDF equal to MATPOWER`, () => {
      const cdf = importCdf(matpowerToCdf(text, name)).document;
      for (const fault of ["3ph", "2ph"] as const) close(currents(cdf, fault), currents(matpower, fault));
    });

    it(`${name}: all-bus 3ph and 2ph, RAW v33 export equal to MATPOWER`, () => {
      // The RAW swing bus has no machine, so the importer gives it the same default feeder
      // (10 GVA, R/X 0.1) as MATPOWER's importer gives the REF bus.
      const raw = importPsse(exportPsse(matpower)).document;
      for (const fault of ["3ph", "2ph"] as const) close(currents(raw, fault), currents(matpower, fault));
    });
  }
});
