// Live collaboration: a colleague's saved version reaches the other editors of the project at
// once over SSE (circuits.live), resumes after lastEventId, and is private to the project.

import { lvFeeder } from "@ampflux/contracts/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { projectWithMember, signUpCompany, startTestApi, type TestClient } from "./helpers.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

interface SavedEvent {
  version: number;
  message: string;
  authorName: string | null;
}

function live(client: TestClient, projectId: string, lastEventId?: string) {
  const events: SavedEvent[] = [];
  const errors: string[] = [];
  const subscription = client.trpc.circuits.live.subscribe(
    { projectId, ...(lastEventId && { lastEventId }) },
    {
      onData: ({ data }) => events.push(data),
      onError: (error) => errors.push(error.data?.code ?? error.message),
    },
  );
  return { events, errors, unsubscribe: () => subscription.unsubscribe() };
}

async function team() {
  const names = { owner: "collab", member: "collab-editor", project: "Shared board" };
  const { member: colleague, ...rest } = await projectWithMember(api.url, names, "editor");
  return { ...rest, colleague };
}

describe("circuits.live", () => {
  it("tells the other editors of each version saved, at once, and resumes after lastEventId", async () => {
    const { owner, colleague, projectId } = await team();
    const feed = live(colleague.client, projectId);
    await vi.waitFor(() => expect(api.deps.circuits.listenerCount()).toBe(1));

    await owner.client.trpc.circuits.save.mutate({
      projectId,
      baseVersion: null,
      document: lvFeeder,
      message: "first",
    });
    await owner.client.trpc.circuits.save.mutate({
      projectId,
      baseVersion: 1,
      document: lvFeeder,
      message: "second",
    });
    await vi.waitFor(() => expect(feed.events.map((e) => e.version)).toEqual([1, 2]));
    expect(feed.events[1]).toMatchObject({ message: "second", authorName: "collab user" });
    feed.unsubscribe();
    await vi.waitFor(() => expect(api.deps.circuits.listenerCount()).toBe(0));

    // A client that was away reconnects with the last version it saw and gets what it missed.
    await owner.client.trpc.circuits.save.mutate({
      projectId,
      baseVersion: 2,
      document: lvFeeder,
      message: "third",
    });
    const resumed = live(colleague.client, projectId, "1");
    await vi.waitFor(() => expect(resumed.events.map((e) => e.version)).toEqual([2, 3]));
    resumed.unsubscribe();
  });

  it("is refused to other companies, and while the company has live collaboration off", async () => {
    const { owner, projectId } = await team();
    const stranger = await signUpCompany(api.url, "collab-stranger");
    const foreign = live(stranger.client, projectId);
    await vi.waitFor(() => expect(foreign.errors).toContain("NOT_FOUND"));
    foreign.unsubscribe();

    await owner.client.trpc.features.set.mutate({ flag: "realtime_collaboration", enabled: false });
    const off = live(owner.client, projectId);
    await vi.waitFor(() => expect(off.errors).toContain("FORBIDDEN"));
    off.unsubscribe();
  });
});
