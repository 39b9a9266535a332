// A project with a saved network for the assistant's tests, and the api settings that point the
// assistant at the fake model server.

import type { FakeOpenAI } from "./fake-openai.ts";
import { addCompanyUser, signUpCompany } from "./helpers.ts";
import { mvFeeder } from "./networks.ts";

export const assistantEnv = (fake: FakeOpenAI, extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: "test",
  OPENAI_BASE_URL: `${fake.url}/v1`,
  ...extra,
});

/** A company admin (owner rights), a viewer, and a project whose version 1 is the feeder. */
export async function assistantProject(apiUrl: string) {
  const owner = await signUpCompany(apiUrl, "ai");
  const viewer = await addCompanyUser(apiUrl, owner.client, "ai-viewer");
  const project = await owner.client.trpc.projects.create.mutate({ name: "Substation study" });
  await owner.client.trpc.projects.members.set.mutate({
    projectId: project.id,
    userId: viewer.user.id,
    role: "viewer",
  });
  await owner.client.trpc.circuits.save.mutate({
    projectId: project.id,
    baseVersion: null,
    document: mvFeeder,
  });
  return { owner, viewer, projectId: project.id };
}
