import type { OutageDetail, OutageScreeningResult } from "@ampflux/contracts";
import { changePercent, outageScreeningOptionsSchema } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { changeColour, outageMap, UNFED_COLOUR, worstCaseMap } from "../src/results/outage-screening.ts";

// The N-1 maps on the diagram (issue 25): a bus's colour says how far an outage moves its I''k
// from the intact network's — red up, blue down, deepest at the map's largest change.

const options = outageScreeningOptionsSchema.parse({});

const screening: OutageScreeningResult = {
  standard: "IEC 60909-0:2016",
  options,
  buses: [
    { bus: "B1", ikss_ka: 12, outage: "L2", base_ikss_ka: 10 },
    { bus: "B2", ikss_ka: 5, outage: "L1", base_ikss_ka: 10 },
    { bus: "B3", ikss_ka: 8, outage: null, base_ikss_ka: 8 },
    { bus: "B4", ikss_ka: null, outage: "T1", base_ikss_ka: 3 },
  ],
  outages: [],
  not_screened: [],
  timings: {},
};

describe("N-1 maps", () => {
  it("scales the worst-case map to its largest change and colours rise, fall, none and unfed apart", () => {
    const map = worstCaseMap(screening);
    expect(map.largestChangePercent).toBe(50);
    const colour = (bus: string) => map.badges.get(bus)?.colour;
    expect(colour("B1")).toMatch(/^hsl\(0 /); // +20 %: red
    expect(colour("B2")).toBe("hsl(215 80% 38%)"); // −50 %, the largest: the deepest blue
    expect(colour("B3")).toBe("#475569"); // unchanged
    expect(colour("B4")).toBe(UNFED_COLOUR);
    expect(map.badges.get("B1")?.title).toBe("Worst Ik'' 12.00 kA with L2 out; intact 10.00 kA (+20.0 %)");
    expect(map.badges.get("B3")?.title).toContain("in the intact network");
    expect(map.badges.get("B4")).toMatchObject({ ikssKa: null, colourBar: true });
    expect(map.badges.get("B4")?.title).toBe("Unfed with T1 out; intact Ik'' 3.00 kA");
  });

  it("colours one outage's deltas from the detail's own change", () => {
    const detail: OutageDetail = {
      standard: "IEC 60909-0:2016",
      options,
      outage: "L1",
      kind: "line",
      buses: [
        { bus: "B1", ikss_ka: 9, base_ikss_ka: 10, change_percent: -10, ip_ka: 22, ib_ka: 8.5, ith_ka: 9.2 },
        {
          bus: "B2",
          ikss_ka: null,
          base_ikss_ka: 10,
          change_percent: null,
          ip_ka: null,
          ib_ka: null,
          ith_ka: null,
        },
      ],
    };
    const map = outageMap(detail);
    expect(map.largestChangePercent).toBe(10);
    expect(map.badges.get("B1")?.colour).toBe("hsl(215 80% 38%)");
    expect(map.badges.get("B1")?.title).toBe("Ik'' 9.00 kA with L1 out; intact 10.00 kA (−10.0 %)");
    expect(map.badges.get("B2")?.colour).toBe(UNFED_COLOUR);
  });

  it("has no change where a current is missing or the intact one is zero", () => {
    expect(changePercent(null, 1)).toBeNull();
    expect(changePercent(1, 0)).toBeNull();
    expect(changePercent(11, 10)).toBeCloseTo(10, 12);
    expect(changeColour(null, 10)).toBe(UNFED_COLOUR);
    expect(changeColour(5, 10)).toBe("hsl(0 53% 43%)");
  });
});
