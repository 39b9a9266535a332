import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportPandapower, importPandapower, PandapowerParseError } from "../src/importers/index.ts";
import { busesWithoutSource, validateNetwork } from "../src/index.ts";
import { caught } from "./caught.ts";

/** pandapower's IEC TR 60909-4 example network (pandapower test suite), written by `to_json`. */
const FIXTURE = readFileSync(new URL("fixtures/pandapower/IEC60909-4_example.json", import.meta.url), "utf8");

const parseError = (text: string) => caught(() => importPandapower(text), PandapowerParseError);

describe("importPandapower on the IEC 60909-4 example", () => {
  const { document, report } = importPandapower(FIXTURE);

  it("imports every table into a valid, fed document", () => {
    const result = validateNetwork(document);
    expect(result.errors).toEqual([]);
    expect(busesWithoutSource(document)).toEqual([]);
    expect(document).toMatchObject({ name: "Summary Grid", frequency_hz: 50 });
    // Row counts of the bus, ext_grid, line, trafo and switch frames in the file.
    expect(document.buses).toHaveLength(6);
    expect(document.external_grids).toHaveLength(1);
    expect(document.lines).toHaveLength(4);
    expect(document.transformers).toHaveLength(2);
    expect(document.switches).toHaveLength(12);
  });

  it("keeps the short-circuit fields of the file", () => {
    // ext_grid row 0 of the file: S''k = 346.41 MVA (c·√3·20 kV·10 kA), R/X = 0.1, X0/X = 1.
    expect(document.external_grids[0]).toMatchObject({
      id: "ext_grid0",
      bus: "bus0",
      s_sc_max_mva: 346.41015625,
      rx_max: 0.1000000015,
      x0x_max: 1,
    });
    // line row 2 "Cable L1": two parallel 4x240 Cu cables with their zero-sequence data.
    expect(document.lines[2]).toMatchObject({
      name: "Cable L1",
      from_bus: "bus3",
      to_bus: "bus5",
      parallel: 2,
      r0_ohm_per_km: 0.2849000096,
      x0_ohm_per_km: 0.1429899931,
    });
    // trafo row 0 "T1": 630 kVA, 20/0.41 kV, uk = 4 %, vector group "YNyn" with a 150° shift.
    expect(document.transformers[0]).toMatchObject({
      name: "T1",
      sn_mva: 0.6299999952316,
      vn_lv_kv: 0.4099999964,
      vk_percent: 4,
      vk0_percent: 3.8136322498,
      mag0_percent: 100,
    });
  });

  it("reports what it dropped, defaulted and adjusted", () => {
    const dropped = report.dropped.map((d) => d.item);
    // The file's result tables are empty, so only its std_types and sequence extras are dropped.
    expect(dropped).toEqual(expect.arrayContaining(["std_types", "trafo.mag0_rx / si0_hv_partial"]));
    expect(report.adjusted.map((a) => a.field)).toContain("transformers.tap_pos");
    expect(report.mapped).toContainEqual({ from: "switch", to: "switches", count: 12 });
  });

  it("exports to pandapower JSON that imports back equal", () => {
    expect(importPandapower(exportPandapower(document)).document).toEqual(document);
  });
});

describe("importPandapower on bad input", () => {
  it("points at the line and column of a JSON syntax error", () => {
    const error = parseError('{\n  "bus": {\n    "_class": "DataFrame",\n    oops\n');
    expect([error.line, error.column]).toEqual([4, 5]);
  });

  it("names the table, row and column of a bad value", () => {
    const bad = FIXTURE.replace('\\"Cable L3\\",1,0.8130000234', '\\"Cable L3\\",\\"x\\",0.8130000234');
    const error = parseError(bad);
    expect(error.field).toBe("line[0].parallel");
    expect(error.line).toBeGreaterThan(100);
  });

  it("turns a validation error into a parse error at the element", () => {
    const error = parseError(FIXTURE.replace("0.0199999996,1.0,1.0", "-0.0199999996,1.0,1.0"));
    expect(error.message).toMatch(/lines "line0" length_km/);
    expect(error.field).toBe("length_km");
  });

  it("rejects JSON that is not a network", () => {
    expect(parseError("[1, 2]").message).toMatch(/JSON object/);
    expect(parseError("{}").message).toMatch(/no bus table/);
  });
});
