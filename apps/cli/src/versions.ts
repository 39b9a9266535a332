import type { Api } from "./client.ts";

/** The project's newest version number, null while it has none. */
export async function latestVersion(api: Api, projectId: string): Promise<number | null> {
  const [latest] = await api.circuits.list.query({ projectId, limit: 1 });
  return latest?.version ?? null;
}
