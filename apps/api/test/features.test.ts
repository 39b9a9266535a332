// Feature flags: settings' defaults, the licence's limits and company admins' choices, enforced by
// the procedures behind them.

import { licenses } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { addCompanyUser, expectTrpcError, signUpCompany, startTestApi } from "./helpers.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi({
    FEATURE_EMAIL_NOTIFICATIONS: "false",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
  });
});
afterAll(() => api?.close());

const enabled = (states: { flag: string; enabled: boolean }[]) =>
  Object.fromEntries(states.map((s) => [s.flag, s.enabled]));

describe("feature flags", () => {
  it("start from the settings' defaults within the licence", async () => {
    const admin = await signUpCompany(api.url, "flags");
    // The free licence has no batch studies; email is off by this api's settings.
    expect(enabled(await admin.client.trpc.features.list.query())).toEqual({
      ai_assistant: true,
      batch_studies: false,
      email_notifications: false,
      realtime_collaboration: true,
    });
  });

  it("let a company admin turn a feature off and back, and refuse what the licence does not allow", async () => {
    const admin = await signUpCompany(api.url, "flag-admin");
    const member = await addCompanyUser(api.url, admin.client, "flag-member");
    const trpc = admin.client.trpc;
    const project = await trpc.projects.create.mutate({ name: "Flags" });

    await trpc.features.set.mutate({ flag: "ai_assistant", enabled: false });
    const off = await expectTrpcError(
      trpc.ai.ask.mutate({ projectId: project.id, prompt: "hello" }),
      "FORBIDDEN",
    );
    expect(off.message).toBe("the assistant is turned off for your company");
    // Other companies keep their own flags.
    const other = await signUpCompany(api.url, "flag-other");
    expect(enabled(await other.client.trpc.features.list.query()).ai_assistant).toBe(true);
    // Back to the default: the flag passes again (the model server is not reachable here).
    await trpc.features.set.mutate({ flag: "ai_assistant", enabled: null });
    const upstream = await expectTrpcError(
      trpc.ai.ask.mutate({ projectId: project.id, prompt: "hello" }),
      "SERVICE_UNAVAILABLE",
    );
    expect(upstream.message).toMatch(/assistant service/);

    const unlicensed = await expectTrpcError(
      trpc.features.set.mutate({ flag: "batch_studies", enabled: true }),
      "FORBIDDEN",
    );
    expect(unlicensed.message).toBe("your licence does not include batch_studies");
    await api.deps.database.db
      .update(licenses)
      .set({ batchStudies: true })
      .where(eq(licenses.companyId, admin.user.companyId));
    expect(enabled(await trpc.features.list.query()).batch_studies).toBe(true);
    await trpc.features.set.mutate({ flag: "email_notifications", enabled: true });
    expect(enabled(await member.client.trpc.features.list.query()).email_notifications).toBe(true);

    await expectTrpcError(
      member.client.trpc.features.set.mutate({ flag: "ai_assistant", enabled: false }),
      "FORBIDDEN",
    );
    const audit = await trpc.audit.list.query({ action: "feature.set" });
    expect(audit.items.map((a) => a.targetId)).toEqual(
      expect.arrayContaining(["ai_assistant", "email_notifications"]),
    );
  });
});
