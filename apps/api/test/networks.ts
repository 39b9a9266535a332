// Small valid networks the api tests save and study (typical distribution values), and a
// project holding one.

import { addCompanyUser, signUpCompany } from "./helpers.ts";

/** A 20 kV grid feeding a 0.4 kV bus through a transformer (values typical of distribution). */
export const lvFeeder = {
  schema: "ampflux/network@1",
  name: "Feeder",
  frequency_hz: 50,
  buses: [
    { id: "mv", name: "MV", vn_kv: 20 },
    { id: "lv", name: "LV", vn_kv: 0.4 },
  ],
  external_grids: [{ id: "grid", bus: "mv", s_sc_max_mva: 500, s_sc_min_mva: 400, rx_max: 0.1, rx_min: 0.1 }],
  transformers: [
    {
      id: "t1",
      hv_bus: "mv",
      lv_bus: "lv",
      sn_mva: 0.63,
      vn_hv_kv: 20,
      vn_lv_kv: 0.4,
      vk_percent: 6,
      vkr_percent: 1.1,
      vector_group: "Dyn5",
    },
  ],
};

/** 110 kV grid → 40 MVA transformer → 20 kV bus → 5 km line. */
export const mvFeeder = {
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
