import {
  DUTY_CSV_COLUMNS,
  type DutyCheck,
  type ShortCircuitResult,
  shortCircuitOptionsSchema,
} from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { visibleChecks, worstByElement } from "../src/results/duty.ts";
import { dutyCsv, dutyJson, studyDescription } from "../src/results/export.ts";
import { DEFAULT_STUDY_OPTIONS, optionMessages } from "../src/results/study-options.ts";

// What the Duty tab and the diagram make of the engine's checks; the checks themselves are the
// engine's (its tests hold the hand calculations).

const check = (
  element: string,
  name: DutyCheck["check"],
  percent: number | null,
  extra: Partial<DutyCheck> = {},
) =>
  ({
    element,
    element_type: "switch",
    kind: "circuit_breaker",
    check: name,
    bus: "mv",
    value: percent === null ? null : percent / 10,
    rating: percent === null ? null : 10,
    unit: "kA",
    percent,
    status:
      percent === null ? "missing rating" : percent > 100 ? "overdutied" : percent > 90 ? "warning" : "ok",
    notes: [],
    ...extra,
  }) as DutyCheck;

const CHECKS = [
  check("Q1", "breaking_sym", 95),
  check("Q1", "making", 60),
  check("Q2", "breaking_sym", 40),
  check("Q2", "making", null),
  check("mv", "peak_withstand", 105, { element_type: "bus", kind: undefined }),
  check("L1", "cable_thermal", 20, { element_type: "line", kind: undefined, unit: "kA²s" }),
];

describe("duty on the diagram", () => {
  it("colours an element by its worst status: a missing rating outranks ok, not a warning", () => {
    const worst = worstByElement(CHECKS);
    expect(worst.get("Q1")?.check).toBe("breaking_sym");
    expect(worst.get("Q1")?.status).toBe("warning");
    expect(worst.get("Q2")?.status).toBe("missing rating");
    expect(worst.get("mv")?.status).toBe("overdutied");
    expect(worst.get("L1")?.status).toBe("ok");
  });
});

describe("the Duty tab", () => {
  it("lists worst first with missing ratings last, and filters by status and kind", () => {
    const all = visibleChecks(CHECKS, { statuses: new Set(), kind: "all" });
    expect(all.map((c) => `${c.element}.${c.check}`)).toEqual([
      "mv.peak_withstand",
      "Q1.breaking_sym",
      "Q1.making",
      "Q2.breaking_sym",
      "L1.cable_thermal",
      "Q2.making",
    ]);
    const problems = visibleChecks(CHECKS, { statuses: new Set(["warning", "overdutied"]), kind: "all" });
    expect(problems.map((c) => c.element)).toEqual(["mv", "Q1"]);
    expect(visibleChecks(CHECKS, { statuses: new Set(), kind: "line" }).map((c) => c.element)).toEqual([
      "L1",
    ]);
    expect(visibleChecks(CHECKS, { statuses: new Set(), kind: "switch:circuit_breaker" })).toHaveLength(4);
  });

  it("exports CSV in the contract's duty columns and JSON with the options", () => {
    const result = {
      standard: "IEC 60909-0:2016",
      options: shortCircuitOptionsSchema.parse({ duty: true }),
      buses: [],
      branches: [],
      duty: CHECKS,
      warnings: [],
      timings: {},
    } satisfies ShortCircuitResult;
    const csv = dutyCsv(`${studyDescription(result)}, duty current bus`, CHECKS).split("\n");
    expect(csv[0]).toBe(
      "# IEC 60909-0:2016, fault 3ph, case max, kappa C, tmin 0.1 s, tk 1 s, duty current bus",
    );
    expect(csv[1]).toBe(DUTY_CSV_COLUMNS.join(","));
    expect(csv[2]).toBe("Q1,switch,circuit_breaker,breaking_sym,mv,9.5,10,kA,95,warning,,,,");
    const json = JSON.parse(dutyJson({ standard: result.standard, options: result.options }, CHECKS)) as {
      options: { duty: boolean };
      duty: DutyCheck[];
    };
    expect(json.options.duty).toBe(true);
    expect(json.duty).toHaveLength(CHECKS.length);
  });
});

describe("study options", () => {
  it("names the field the contract refuses, and the engine's refusal of duty in the minimum case", () => {
    expect(optionMessages(DEFAULT_STUDY_OPTIONS, []).size).toBe(0);
    const bad = optionMessages({ ...DEFAULT_STUDY_OPTIONS, tmin_s: 20, c_max: 2 }, []);
    expect([...bad.keys()].sort()).toEqual(["c_max", "tmin_s"]);
    const engine = optionMessages({ ...DEFAULT_STUDY_OPTIONS, duty: true, case: "min" }, [
      { path: ["duty"], message: "duty needs the maximum case" },
      { path: ["buses", 0, "vn_kv"], message: "a network problem, not an option" },
    ]);
    expect(engine.get("duty")).toEqual(["duty needs the maximum case"]);
    expect(engine.size).toBe(1);
  });
});
