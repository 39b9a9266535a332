// A project with a saved network for the assistant's tests, and the api settings that point the
// assistant at the fake model server.

import type { FakeOpenAI } from "./fake-openai.ts";
import { addCompanyUser, signUpCompany } from "./helpers.ts";

export const assistantEnv = (fake: FakeOpenAI, extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: "test",
  OPENAI_BASE_URL: `${fake.url}/v1`,
  ...extra,
});

/** 110 kV grid → 40 MVA transformer → 20 kV bus → 5 km line (as in simulations.test.ts). */
export const feeder = {
  schema: "ampflux/network@1",
  name: "Feeder",
  frequency_hz: 50,
  buses: [
    { id: "hv", vn_kv: 110 },
    { id: "mv", vn_kv: 20 },
    { id: "end", vn_kv: 20 },
  ],
  external_grids: [
    { id: "grid", bus: "hv", s_sc_max_mva: 3000, s_sc_min_mva: 2000, rx_max: 0.1, rx_min: 0.1 },
  ],
  transformers: [
    {
      id: "T",
      hv_bus: "hv",
      lv_bus: "mv",
      sn_mva: 40,
      vn_hv_kv: 110,
      vn_lv_kv: 20,
      vk_percent: 12,
      vkr_percent: 0.5,
    },
  ],
  lines: [
    {
      id: "L",
      from_bus: "mv",
      to_bus: "end",
      length_km: 5,
      r_ohm_per_km: 0.2,
      x_ohm_per_km: 0.35,
      c_nf_per_km: 0,
    },
  ],
};

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
    document: feeder,
  });
  return { owner, viewer, projectId: project.id };
}
