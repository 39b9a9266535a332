import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import {
  addCompanyUser,
  expectTrpcError,
  PASSWORD,
  signUpCompany,
  startTestApi,
  testClient,
  uniqueEmail,
} from "./helpers.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("company users (admins only)", () => {
  it("invites a user who joins the company with the invited role", async () => {
    const admin = await signUpCompany(api.url, "inviter");
    const member = await addCompanyUser(api.url, admin.client);
    expect(member.user).toMatchObject({ companyId: admin.user.companyId, role: "user" });
    const listed = await admin.client.trpc.users.list.query();
    expect(listed.users.map((u) => u.email).sort()).toEqual([admin.email, member.email].sort());
    expect(listed.invitations).toEqual([]);
  });

  it("refuses an invitation token for another email, or used twice", async () => {
    const admin = await signUpCompany(api.url, "strict");
    const email = uniqueEmail("invited");
    const { token } = await admin.client.trpc.users.invite.mutate({ email });
    const signUp = (as: string) =>
      testClient(api.url).trpc.auth.signUp.mutate({
        email: as,
        password: PASSWORD,
        name: "I",
        invitationToken: token,
      });
    await expectTrpcError(signUp(uniqueEmail("intruder")), "BAD_REQUEST");
    await signUp(email);
    await expectTrpcError(signUp(email), "CONFLICT");
  });

  it("changes roles but always keeps an admin", async () => {
    const admin = await signUpCompany(api.url, "roles");
    const member = await addCompanyUser(api.url, admin.client);
    await admin.client.trpc.users.changeRole.mutate({ userId: member.user.id, role: "company_admin" });
    expect((await member.client.trpc.auth.me.query())?.user.role).toBe("company_admin");
    await member.client.trpc.users.changeRole.mutate({ userId: admin.user.id, role: "user" });
    await expectTrpcError(
      member.client.trpc.users.changeRole.mutate({ userId: member.user.id, role: "user" }),
      "PRECONDITION_FAILED",
    );
  });

  it("deactivates a user: sessions and API keys stop working at once", async () => {
    const admin = await signUpCompany(api.url, "deact");
    const member = await addCompanyUser(api.url, admin.client);
    const { key } = await member.client.trpc.apiKeys.create.mutate({ name: "k" });
    await admin.client.trpc.users.deactivate.mutate({ userId: member.user.id });
    expect(await member.client.trpc.auth.me.query()).toBeNull();
    expect(await testClient(api.url, { apiKey: key }).trpc.auth.me.query()).toBeNull();
    await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email: member.email, password: PASSWORD }),
      "UNAUTHORIZED",
    );
  });

  it("is refused to plain users and across companies", async () => {
    const admin = await signUpCompany(api.url, "home");
    const member = await addCompanyUser(api.url, admin.client);
    const foreign = await signUpCompany(api.url, "foreign");
    await expectTrpcError(member.client.trpc.users.list.query(), "FORBIDDEN");
    await expectTrpcError(member.client.trpc.users.invite.mutate({ email: uniqueEmail("x") }), "FORBIDDEN");
    await expectTrpcError(
      foreign.client.trpc.users.changeRole.mutate({ userId: member.user.id, role: "company_admin" }),
      "NOT_FOUND",
    );
    await expectTrpcError(
      foreign.client.trpc.users.deactivate.mutate({ userId: member.user.id }),
      "NOT_FOUND",
    );
    const seen = await foreign.client.trpc.users.list.query();
    expect(seen.users.map((u) => u.email)).toEqual([foreign.email]);
  });
});

describe("audit log", () => {
  it("records state changes for company admins, scoped to their company", async () => {
    const admin = await signUpCompany(api.url, "audited");
    const project = await admin.client.trpc.projects.create.mutate({ name: "Audited" });
    await admin.client.trpc.projects.update.mutate({ projectId: project.id, name: "Audited 2" });
    const log = await admin.client.trpc.audit.list.query({ projectId: project.id });
    expect(log.items.map((e) => e.action)).toEqual(["project.update", "project.create"]);
    expect(log.items[0]).toMatchObject({ userEmail: admin.email, targetId: project.id });

    const all = await admin.client.trpc.audit.list.query({});
    expect(all.items.map((e) => e.action)).toContain("auth.sign_up");

    const foreign = await signUpCompany(api.url, "snoop");
    const theirs = await foreign.client.trpc.audit.list.query({ projectId: project.id });
    expect(theirs.items).toEqual([]);
    const member = await addCompanyUser(api.url, admin.client);
    await expectTrpcError(member.client.trpc.audit.list.query({}), "FORBIDDEN");
  });
});
