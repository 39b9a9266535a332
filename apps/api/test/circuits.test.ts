import { lvFeeder } from "@ampflux/contracts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, projectWithMember, signUpCompany, startTestApi } from "./helpers.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

async function projectWithTeam() {
  const names = { owner: "circuits", member: "circuit-viewer", project: "Feeder study" };
  const { member: viewer, ...rest } = await projectWithMember(api.url, names, "viewer");
  return { ...rest, viewer };
}

describe("circuit versions", () => {
  it("saves numbered versions, lists them with counts, gets, restores and diffs", async () => {
    const { owner, projectId } = await projectWithTeam();
    const trpc = owner.client.trpc.circuits;
    expect(await trpc.get.query({ projectId })).toBeNull();
    const v1 = await trpc.save.mutate({
      projectId,
      baseVersion: null,
      message: "initial",
      document: lvFeeder,
    });
    expect(v1).toMatchObject({ version: 1, elementCounts: { buses: 2, transformers: 1, external_grids: 1 } });
    const edited = { ...lvFeeder, buses: [...lvFeeder.buses, { id: "lv2", vn_kv: 0.4 }] };
    const v2 = await trpc.save.mutate({ projectId, baseVersion: 1, message: "add bus", document: edited });
    expect(v2.version).toBe(2);

    const list = await trpc.list.query({ projectId });
    expect(list.map((v) => [v.version, v.message, v.elementCounts.buses])).toEqual([
      [2, "add bus", 3],
      [1, "initial", 2],
    ]);
    expect((await trpc.get.query({ projectId }))?.version).toBe(2);

    const diff = await trpc.diff.query({ projectId, from: 1, to: 2 });
    expect(diff.added).toEqual([{ collection: "buses", id: "lv2" }]);

    const restored = await trpc.restore.mutate({ projectId, version: 1, baseVersion: 2 });
    expect(restored.version).toBe(3);
    const latest = await trpc.get.query({ projectId });
    expect(latest?.message).toBe("Restored version 1");
    expect(latest?.document.buses).toHaveLength(2);
  });

  it("refuses a save on top of a stale version, naming the latest", async () => {
    const { owner, projectId } = await projectWithTeam();
    const trpc = owner.client.trpc.circuits;
    await trpc.save.mutate({ projectId, baseVersion: null, document: lvFeeder });
    await trpc.save.mutate({ projectId, baseVersion: 1, document: lvFeeder });
    const error = await expectTrpcError(
      trpc.save.mutate({ projectId, baseVersion: 1, document: lvFeeder }),
      "CONFLICT",
    );
    expect(error.message).toMatch(/version 2 was saved in between/);
    expect((await trpc.list.query({ projectId })).length).toBe(2);
  });

  it("numbers concurrent saves without gaps or duplicates", async () => {
    const { owner, projectId } = await projectWithTeam();
    const trpc = owner.client.trpc.circuits;
    await trpc.save.mutate({ projectId, baseVersion: null, document: lvFeeder });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => trpc.save.mutate({ projectId, baseVersion: 1, document: lvFeeder })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await trpc.list.query({ projectId })).map((v) => v.version)).toEqual([2, 1]);
  });

  it("rejects an invalid document with paths, keeping what was saved", async () => {
    const { owner, projectId } = await projectWithTeam();
    const trpc = owner.client.trpc.circuits;
    await trpc.save.mutate({ projectId, baseVersion: null, document: lvFeeder });
    const broken = { ...lvFeeder, transformers: [{ ...lvFeeder.transformers[0], lv_bus: "nowhere" }] };
    const error = await expectTrpcError(
      trpc.save.mutate({ projectId, baseVersion: 1, document: broken }),
      "BAD_REQUEST",
    );
    expect(error.data?.zodError?.issues[0]?.path).toEqual(["document", "transformers", 0, "lv_bus"]);
    expect((await trpc.get.query({ projectId }))?.version).toBe(1);
  });

  it("lets viewers read but not save, and other companies neither", async () => {
    const { owner, viewer, projectId } = await projectWithTeam();
    await owner.client.trpc.circuits.save.mutate({ projectId, baseVersion: null, document: lvFeeder });
    expect((await viewer.client.trpc.circuits.get.query({ projectId }))?.version).toBe(1);
    await expectTrpcError(
      viewer.client.trpc.circuits.save.mutate({ projectId, baseVersion: 1, document: lvFeeder }),
      "FORBIDDEN",
    );
    await expectTrpcError(
      viewer.client.trpc.circuits.restore.mutate({ projectId, version: 1, baseVersion: 1 }),
      "FORBIDDEN",
    );
    const foreign = await signUpCompany(api.url, "spy");
    const circuits = foreign.client.trpc.circuits;
    for (const call of [
      () => circuits.get.query({ projectId }),
      () => circuits.list.query({ projectId }),
      () => circuits.diff.query({ projectId, from: 1, to: 1 }),
      () => circuits.save.mutate({ projectId, baseVersion: 1, document: lvFeeder }),
      () => circuits.restore.mutate({ projectId, version: 1, baseVersion: 1 }),
    ]) {
      await expectTrpcError(call(), "NOT_FOUND");
    }
  });
});
