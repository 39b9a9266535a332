// simulations.explain: "why this number" for a bus of a saved version. The value checked is the
// radial feeder's I''k by hand (IEC 60909-0:2016 eq. 6, 12a, 29), as in
// packages/sim-wasm/test/iec60909-checks.test.ts; the explanation's own figures are checked in
// packages/sim-wasm/test/iec60909-explain.test.ts.

import { busResultExplanationSchema } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, startTestApi } from "./helpers.ts";
import { expectOnlyMembersSee, savedProject } from "./networks.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** I''k at "end" of mvFeeder by hand: c·Un / (√3 |Z_Q + K_T Z_T + Z_L|). */
function handIkss(): number {
  const c = 1.1;
  const zq = (c * 400) / 3000;
  const xq = zq / Math.sqrt(1.01);
  const xtPu = Math.sqrt(0.12 ** 2 - 0.005 ** 2);
  const kt = (0.95 * c) / (1 + 0.6 * xtPu);
  const r = 0.1 * xq + kt * 0.005 * 10 + 5 * 0.2;
  const x = xq + kt * xtPu * 10 + 5 * 0.35;
  return (c * 20) / (Math.sqrt(3) * Math.hypot(r, x));
}

describe("simulations.explain", () => {
  it("explains a bus to a viewer: c, the grid's part, K_T and the result", async () => {
    const { viewer, projectId } = await savedProject(api.url, "explain");
    const e = await viewer.client.trpc.simulations.explain.query({
      projectId,
      version: 1,
      options: { fault: "3ph" },
      bus: "end",
    });
    expect(busResultExplanationSchema.parse(e)).toEqual(e);
    expect(e.result.ikss_ka).toBeCloseTo(handIkss(), 9);
    expect(e.voltage_factor).toMatchObject({ c: 1.1, source: "table_1" });
    expect(e.contributions.parts.map((p) => p.element)).toEqual(["grid"]);
    expect(e.transformer_factors.map((t) => t.name)).toEqual(["K_T"]);
  });

  it("explains a bus of a stored study with that study's version and options", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "explain-stored");
    const run = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: { case: "min", fault: "2ph" } },
    });
    const stored = await viewer.client.trpc.simulations.get.query({ projectId, simulationId: run.id });
    const end = (stored.result as { buses: Array<{ bus: string; ikss_ka: number }> }).buses.find(
      (b) => b.bus === "end",
    );
    const e = await viewer.client.trpc.simulations.explain.query({
      projectId,
      simulationId: run.id,
      bus: "end",
    });
    expect(e).toMatchObject({ fault: "2ph", case: "min", voltage_factor: { c: 1 } });
    expect(e.result.ikss_ka).toBe(end?.ikss_ka);
    await expectTrpcError(
      viewer.client.trpc.simulations.explain.query({
        projectId,
        simulationId: run.id,
        version: 1,
        bus: "end",
      }),
      "BAD_REQUEST",
    );
    await expectOnlyMembersSee(api.url, owner.client, projectId, "explain-stored", (trpc, projectId) =>
      trpc.simulations.explain.query({ projectId, simulationId: run.id, bus: "end" }),
    );
  });

  it("names the bus or the option that is wrong, and a missing version", async () => {
    const { viewer, projectId } = await savedProject(api.url, "explain-bad");
    const trpc = viewer.client.trpc;
    const unknown = await expectTrpcError(
      trpc.simulations.explain.query({ projectId, version: 1, options: {}, bus: "nowhere" }),
      "BAD_REQUEST",
    );
    expect(unknown.data?.zodError?.issues).toEqual([{ path: ["bus"], message: 'unknown bus "nowhere"' }]);
    const badOption = await expectTrpcError(
      trpc.simulations.explain.query({ projectId, version: 1, options: { tmin_s: -1 }, bus: "end" }),
      "BAD_REQUEST",
    );
    expect(badOption.data?.zodError?.issues?.map((i) => i.path)).toEqual([["options", "tmin_s"]]);
    await expectTrpcError(
      trpc.simulations.explain.query({ projectId, version: 9, options: {}, bus: "end" }),
      "NOT_FOUND",
    );
  });

  it("refuses other companies and non-members", async () => {
    const { owner, projectId } = await savedProject(api.url, "explain-tenant", mvFeeder);
    await expectOnlyMembersSee(api.url, owner.client, projectId, "explain", (trpc, projectId) =>
      trpc.simulations.explain.query({ projectId, version: 1, options: {}, bus: "end" }),
    );
  });
});
