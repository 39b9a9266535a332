import type { ReportProgressEvent } from "@ampflux/db";
import { describe, expect, it } from "vitest";
import { type ProgressRows, parseProgressPayload } from "../src/progress/row-progress-hub.ts";

// NOTIFY payloads reach every database user: each field is checked before an event is delivered.
const reports: Pick<ProgressRows<ReportProgressEvent>, "idKey" | "statuses"> = {
  idKey: "reportId",
  statuses: new Set(["queued", "running", "done", "failed"]),
};
const event = { reportId: "r1", projectId: "p1", status: "running", progress: 0.5, message: null };

describe("parseProgressPayload", () => {
  it("reads a payload under the row kind's own id key", () => {
    expect(parseProgressPayload(JSON.stringify(event), reports)).toEqual(event);
  });

  it("refuses what is not an event of that kind", () => {
    const bad = [
      "not json",
      "null",
      JSON.stringify({ ...event, reportId: undefined, simulationId: "s1" }),
      JSON.stringify({ ...event, status: "succeeded" }),
      JSON.stringify({ ...event, progress: "half" }),
      JSON.stringify({ ...event, message: 3 }),
      JSON.stringify({ ...event, projectId: 7 }),
    ];
    for (const payload of bad) expect(parseProgressPayload(payload, reports), payload).toBeUndefined();
  });

  it("keeps only the event's fields", () => {
    const parsed = parseProgressPayload(JSON.stringify({ ...event, extra: "x" }), reports);
    expect(parsed).toEqual(event);
  });
});
