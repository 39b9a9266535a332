import { licenses } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, startTestApi } from "./helpers.ts";
import { savedProject } from "./networks.ts";

// The batch study's load_flow option (N-1 load flow) as the api takes it: valid options are
// queued for the worker, bad ones refused with the path of the field (never a 500).

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

async function batchProject() {
  const saved = await savedProject(api.url, "batch-lf");
  await api.deps.database.db
    .update(licenses)
    .set({ batchStudies: true })
    .where(eq(licenses.companyId, saved.owner.user.companyId));
  return saved;
}

describe("batch study with load_flow", () => {
  it("queues a batch with load-flow options and stores them with their defaults", async () => {
    const { owner, projectId } = await batchProject();
    const trpc = owner.client.trpc.simulations;
    const run = await trpc.run.mutate({
      projectId,
      version: 1,
      study: { kind: "batch_study", options: { load_flow: { limits: { vm_min_pu: 0.9 } } } },
    });
    expect(run.status).toBe("queued");
    const stored = await trpc.get.query({ projectId, simulationId: run.id });
    expect(stored.options).toMatchObject({
      load_flow: {
        algorithm: "nr",
        tolerance_pu: 1e-8,
        flat_start: false,
        limits: { vm_min_pu: 0.9, vm_max_pu: 1.05, loading_max_percent: 100 },
      },
    });
  });

  it("refuses bad load-flow options naming the field", async () => {
    const { owner, projectId } = await batchProject();
    const trpc = owner.client.trpc.simulations;
    const refused = async (load_flow: Record<string, unknown>) => {
      const error = await expectTrpcError(
        trpc.run.mutate({
          projectId,
          version: 1,
          study: { kind: "batch_study", options: { load_flow } as never },
        }),
        "BAD_REQUEST",
      );
      return error.data?.zodError?.issues.map((i: { path: unknown[] }) => i.path.join("."));
    };
    expect(await refused({ tolerance_pu: 0 })).toEqual(["study.options.load_flow.tolerance_pu"]);
    expect(await refused({ max_iterations: 1.5 })).toEqual(["study.options.load_flow.max_iterations"]);
    expect(await refused({ limits: { vm_min_pu: 1.1, vm_max_pu: 1 } })).toEqual([
      "study.options.load_flow.limits.vm_min_pu",
    ]);
    expect(await refused({ limits: { loading_max_percent: -5 } })).toEqual([
      "study.options.load_flow.limits.loading_max_percent",
    ]);
    expect(await refused({ q_limit: true })).toEqual(["study.options.load_flow"]);
    expect(await trpc.list.query({ projectId })).toEqual([]);
  });
});
