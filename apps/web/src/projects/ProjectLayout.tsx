import { useQuery } from "@tanstack/react-query";
import { NavLink, Outlet, useParams } from "react-router";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import type { ProjectContext } from "./useProject.ts";

/** A project's pages (editor, simulations, reports, members) under one header with tabs. */
export function ProjectLayout() {
  const { projectId = "" } = useParams();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  if (project.isPending) return <Loading label="Opening the project…" />;
  if (project.isError)
    return (
      <main className="page narrow">
        <ErrorMessage error={project.error} />
      </main>
    );
  const context: ProjectContext = { project: project.data, canEdit: project.data.role !== "viewer" };
  return (
    <div className="project-shell">
      <div className="project-header">
        <h1 data-testid="project-name">{project.data.name}</h1>
        <span className={`badge role-${project.data.role}`}>{project.data.role}</span>
        {project.data.archivedAt && <span className="badge">archived (read-only)</span>}
        <nav className="tabs" aria-label="Project">
          <NavLink to={`/projects/${projectId}`} end>
            Editor
          </NavLink>
          <NavLink to={`/projects/${projectId}/simulations`}>Simulations</NavLink>
          <NavLink to={`/projects/${projectId}/reports`}>Reports</NavLink>
          <NavLink to={`/projects/${projectId}/members`}>Members</NavLink>
        </nav>
      </div>
      <Outlet context={context} />
    </div>
  );
}
