import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { addCompanyUser, expectTrpcError, signUpCompany, startTestApi, type TestClient } from "./helpers.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** A company with an owner (its admin), an editor, a viewer and a member of no project. */
async function team(label: string) {
  const admin = await signUpCompany(api.url, label);
  const editor = await addCompanyUser(api.url, admin.client, `${label}-editor`);
  const viewer = await addCompanyUser(api.url, admin.client, `${label}-viewer`);
  const outsider = await addCompanyUser(api.url, admin.client, `${label}-outsider`);
  const project = await editor.client.trpc.projects.create.mutate({
    name: `${label} substation`,
    description: "11 kV",
  });
  await editor.client.trpc.projects.members.set.mutate({
    projectId: project.id,
    userId: viewer.user.id,
    role: "viewer",
  });
  return { admin, editor, viewer, outsider, project };
}

describe("projects", () => {
  it("creates, lists with search and paging, gets and updates", async () => {
    const { admin } = await signUpCompany(api.url, "list").then((a) => ({ admin: a }));
    const names = ["Feeder North", "Feeder South", "Plant 50% load"];
    for (const name of names) await admin.client.trpc.projects.create.mutate({ name });
    const all = await admin.client.trpc.projects.list.query({});
    expect(all.total).toBe(3);
    expect(all.items.map((p) => p.role)).toEqual(["owner", "owner", "owner"]);
    const feeders = await admin.client.trpc.projects.list.query({ search: "feeder", limit: 1 });
    expect(feeders.total).toBe(2);
    expect(feeders.items).toHaveLength(1);
    // The total counts every match, whatever the page (one query with a window count); a page
    // past the end has no rows to carry it and still says how many there are.
    const second = await admin.client.trpc.projects.list.query({ search: "feeder", limit: 1, offset: 1 });
    expect([second.total, second.items.length]).toEqual([2, 1]);
    expect(second.items[0]?.id).not.toBe(feeders.items[0]?.id);
    const past = await admin.client.trpc.projects.list.query({ search: "feeder", offset: 5 });
    expect([past.total, past.items.length]).toEqual([2, 0]);
    const none = await admin.client.trpc.projects.list.query({ search: "no such project" });
    expect([none.total, none.items.length]).toEqual([0, 0]);
    const percent = await admin.client.trpc.projects.list.query({ search: "50%" });
    expect(percent.items.map((p) => p.name)).toEqual(["Plant 50% load"]);
    const id = all.items[0]?.id ?? "";
    const renamed = await admin.client.trpc.projects.update.mutate({ projectId: id, name: "Renamed" });
    expect(renamed?.name).toBe("Renamed");
    expect((await admin.client.trpc.projects.get.query({ projectId: id })).name).toBe("Renamed");
  });

  it("enforces the license's project limit with a clear error", async () => {
    const { client } = await signUpCompany(api.url, "limit");
    for (let i = 0; i < 3; i++) await client.trpc.projects.create.mutate({ name: `P${i}` });
    const error = await expectTrpcError(
      client.trpc.projects.create.mutate({ name: "one too many" }),
      "FORBIDDEN",
    );
    expect(error.message).toMatch(/free plan allows 3 projects/);
  });

  it("shows members only their projects; viewers read but cannot write", async () => {
    const { viewer, outsider, project } = await team("roles");
    expect((await viewer.client.trpc.projects.list.query({})).items.map((p) => p.id)).toEqual([project.id]);
    expect((await outsider.client.trpc.projects.list.query({})).total).toBe(0);
    expect((await viewer.client.trpc.projects.get.query({ projectId: project.id })).role).toBe("viewer");
    await expectTrpcError(
      viewer.client.trpc.projects.update.mutate({ projectId: project.id, name: "x" }),
      "FORBIDDEN",
    );
    await expectTrpcError(outsider.client.trpc.projects.get.query({ projectId: project.id }), "FORBIDDEN");
  });

  it("archives (hidden from the default list) and restores", async () => {
    const { editor, project } = await team("archive");
    await editor.client.trpc.projects.setArchived.mutate({ projectId: project.id, archived: true });
    expect((await editor.client.trpc.projects.list.query({})).total).toBe(0);
    expect((await editor.client.trpc.projects.list.query({ archived: "only" })).total).toBe(1);
    await editor.client.trpc.projects.setArchived.mutate({ projectId: project.id, archived: false });
    expect((await editor.client.trpc.projects.list.query({})).total).toBe(1);
  });

  it("manages members and always keeps an owner", async () => {
    const { editor, viewer, outsider, project } = await team("members");
    const input = { projectId: project.id };
    await editor.client.trpc.projects.members.set.mutate({
      ...input,
      userId: outsider.user.id,
      role: "editor",
    });
    const members = await viewer.client.trpc.projects.members.list.query(input);
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [editor.email, "owner"],
        [viewer.email, "viewer"],
        [outsider.email, "editor"],
      ].sort(),
    );
    await expectTrpcError(
      editor.client.trpc.projects.members.set.mutate({ ...input, userId: editor.user.id, role: "viewer" }),
      "PRECONDITION_FAILED",
    );
    await expectTrpcError(
      editor.client.trpc.projects.members.remove.mutate({ ...input, userId: editor.user.id }),
      "PRECONDITION_FAILED",
    );
    await editor.client.trpc.projects.members.remove.mutate({ ...input, userId: outsider.user.id });
    await expectTrpcError(outsider.client.trpc.projects.get.query(input), "FORBIDDEN");
  });

  it("deletes a project for its owner only", async () => {
    const { admin, viewer, project } = await team("delete");
    await expectTrpcError(viewer.client.trpc.projects.delete.mutate({ projectId: project.id }), "FORBIDDEN");
    await admin.client.trpc.projects.delete.mutate({ projectId: project.id });
    await expectTrpcError(admin.client.trpc.projects.get.query({ projectId: project.id }), "NOT_FOUND");
  });
});

describe("every project procedure refuses other companies and viewers", () => {
  // [procedure, call, does a viewer have the right?]
  const calls: Array<
    [string, (c: TestClient, projectId: string, userId: string) => Promise<unknown>, boolean]
  > = [
    ["projects.get", (c, projectId) => c.trpc.projects.get.query({ projectId }), true],
    ["projects.update", (c, projectId) => c.trpc.projects.update.mutate({ projectId, name: "x" }), false],
    [
      "projects.setArchived",
      (c, projectId) => c.trpc.projects.setArchived.mutate({ projectId, archived: true }),
      false,
    ],
    ["projects.delete", (c, projectId) => c.trpc.projects.delete.mutate({ projectId }), false],
    ["projects.members.list", (c, projectId) => c.trpc.projects.members.list.query({ projectId }), true],
    [
      "projects.members.set",
      (c, projectId, userId) => c.trpc.projects.members.set.mutate({ projectId, userId, role: "owner" }),
      false,
    ],
    [
      "projects.members.remove",
      (c, projectId, userId) => c.trpc.projects.members.remove.mutate({ projectId, userId }),
      false,
    ],
  ];

  it.each(calls)("%s", async (_name, call, viewerAllowed) => {
    const { viewer, outsider, project } = await team("tenancy");
    const foreign = await signUpCompany(api.url, "attacker");
    await expectTrpcError(call(foreign.client, project.id, foreign.user.id), "NOT_FOUND");
    if (!viewerAllowed) await expectTrpcError(call(viewer.client, project.id, outsider.user.id), "FORBIDDEN");
    // Nothing changed for the project's own members.
    expect((await viewer.client.trpc.projects.get.query({ projectId: project.id })).name).toBe(
      "tenancy substation",
    );
  });
});
