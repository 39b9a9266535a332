// A project holding a network to study (the networks are contracts' shared test networks).

import { mvFeeder } from "@ampflux/contracts/testing";
import { addCompanyUser, expectTrpcError, signUpCompany, type TestClient } from "./helpers.ts";

/**
 * A new company whose admin owns a project with a viewer and version 1 = `document` (the 110/20
 * kV feeder by default); `label` names the users.
 */
export async function savedProject(apiUrl: string, label: string, document: unknown = mvFeeder) {
  const owner = await signUpCompany(apiUrl, label);
  const viewer = await addCompanyUser(apiUrl, owner.client, `${label}-viewer`);
  const project = await owner.client.trpc.projects.create.mutate({ name: `${label} study` });
  await owner.client.trpc.projects.members.set.mutate({
    projectId: project.id,
    userId: viewer.user.id,
    role: "viewer",
  });
  await owner.client.trpc.circuits.save.mutate({ projectId: project.id, baseVersion: null, document });
  return { owner, viewer, projectId: project.id };
}

/**
 * A stored simulation's view (`view`, as a client of the project `projectId`) is seen by the
 * project's members only: another company gets NOT_FOUND, also through a project of its own (the
 * id names nothing there), and a user of the owner's company who is no member gets FORBIDDEN.
 */
export async function expectOnlyMembersSee(
  apiUrl: string,
  owner: TestClient,
  projectId: string,
  label: string,
  view: (trpc: TestClient["trpc"], projectId: string) => Promise<unknown>,
) {
  const stranger = await signUpCompany(apiUrl, `${label}-stranger`);
  await expectTrpcError(view(stranger.client.trpc, projectId), "NOT_FOUND");
  const own = await stranger.client.trpc.projects.create.mutate({ name: "Own" });
  await expectTrpcError(view(stranger.client.trpc, own.id), "NOT_FOUND");
  const outsider = await addCompanyUser(apiUrl, owner, `${label}-outsider`);
  await expectTrpcError(view(outsider.client.trpc, projectId), "FORBIDDEN");
}
