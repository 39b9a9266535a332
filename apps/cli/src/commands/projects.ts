import type { Command } from "../args.ts";
import type { Api } from "../client.ts";
import type { Io } from "../io.ts";
import { writeResult } from "../output.ts";

/** One project a line: id, role, name (tab-separated, so `cut -f1` gives the ids). */
export async function listProjects(api: Api, _command: Command, io: Io): Promise<void> {
  const projects: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api.projects.list.query({ limit: 100, offset });
    projects.push(...page.items.map((p) => `${p.id}\t${p.role}\t${p.name}\n`));
    if (projects.length >= page.total || page.items.length === 0) break;
  }
  await writeResult(io, projects.join(""), undefined);
}

export async function createProject(api: Api, { args, flags }: Command, io: Io): Promise<void> {
  const project = await api.projects.create.mutate({
    name: args.name ?? "",
    description: flags.description ?? "",
  });
  await writeResult(io, `${project.id}\n`, undefined);
}
