import { MembersPanel } from "./MembersPanel.tsx";
import { useProject } from "./useProject.ts";

export function MembersPage() {
  const { project } = useProject();
  return (
    <main className="page">
      <MembersPanel projectId={project.id} isOwner={project.role === "owner"} />
    </main>
  );
}
