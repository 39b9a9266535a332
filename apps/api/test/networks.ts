// A project holding a network to study (the networks are contracts' shared test networks).

import { mvFeeder } from "@ampflux/contracts/testing";
import { addCompanyUser, signUpCompany } from "./helpers.ts";

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
