import { studySettingsSchema } from "@ampflux/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStudySettings } from "../src/routers/study-settings.ts";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, projectWithMember, signUpCompany, startTestApi } from "./helpers.ts";

// Study settings saved with the project (issue 23): members read them, editors write them, nobody
// outside the project sees or changes them; bad values are refused naming the field.

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const minimumCase = {
  fault: "2ph_earth",
  case: "min",
  kappa_method: "B",
  tmin_s: 0.05,
  tk_s: 0.5,
  lv_tolerance_percent: 6,
  c_min: 0.95,
} as const;

describe("projects.studySettings", () => {
  it("starts from the short-circuit options' defaults, and an editor's settings are what every member reads", async () => {
    const { owner, member, projectId } = await projectWithMember(
      api.url,
      { owner: "ss-owner", member: "ss-editor", project: "Settings" },
      "editor",
    );
    const fresh = await owner.client.trpc.projects.studySettings.get.query({ projectId });
    expect(fresh.saved).toBe(false);
    expect(fresh.settings).toEqual(studySettingsSchema.parse({}));
    expect(fresh.settings).toMatchObject({
      fault: "3ph",
      case: "max",
      kappa_method: "C",
      lv_tolerance_percent: 10,
    });

    await member.client.trpc.projects.studySettings.set.mutate({ projectId, settings: minimumCase });
    const read = await owner.client.trpc.projects.studySettings.get.query({ projectId });
    expect(read.saved).toBe(true);
    expect(read.settings).toMatchObject(minimumCase);
    // Fields not given take their defaults (tk is given, r_fault_ohm is not).
    expect(read.settings.r_fault_ohm).toBe(0);
  });

  it("lets a viewer read but not write", async () => {
    const { member, projectId } = await projectWithMember(
      api.url,
      { owner: "ssv-owner", member: "ssv-viewer", project: "Read only" },
      "viewer",
    );
    expect((await member.client.trpc.projects.studySettings.get.query({ projectId })).saved).toBe(false);
    await expectTrpcError(
      member.client.trpc.projects.studySettings.set.mutate({ projectId, settings: minimumCase }),
      "FORBIDDEN",
    );
  });

  it("hides the settings from another company (cross-tenant): neither read nor write", async () => {
    const { projectId } = await projectWithMember(
      api.url,
      { owner: "ssx-owner", member: "ssx-member", project: "Private" },
      "editor",
    );
    const stranger = await signUpCompany(api.url, "ssx-stranger");
    await expectTrpcError(stranger.client.trpc.projects.studySettings.get.query({ projectId }), "NOT_FOUND");
    await expectTrpcError(
      stranger.client.trpc.projects.studySettings.set.mutate({ projectId, settings: minimumCase }),
      "NOT_FOUND",
    );
  });

  it("refuses an out-of-range value naming the field", async () => {
    const { owner, projectId } = await projectWithMember(
      api.url,
      { owner: "ssb-owner", member: "ssb-member", project: "Bad input" },
      "editor",
    );
    const error = await expectTrpcError(
      owner.client.trpc.projects.studySettings.set.mutate({ projectId, settings: { tk_s: 0 } }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(/tk_s/);
    expect((await owner.client.trpc.projects.studySettings.get.query({ projectId })).saved).toBe(false);
  });
});

describe("readStudySettings", () => {
  it("keeps the valid stored fields and defaults the ones a newer limit refuses", () => {
    expect(readStudySettings({ case: "min", tk_s: 99, fault: "1ph" })).toMatchObject({
      case: "min",
      fault: "1ph",
      tk_s: 1,
    });
    expect(readStudySettings(null)).toEqual(studySettingsSchema.parse({}));
  });
});
