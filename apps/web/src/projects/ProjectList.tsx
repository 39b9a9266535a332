import { Link } from "react-router";
import type { ProjectSummary as Project } from "../lib/api-types.ts";
import { formatDate } from "../lib/format.ts";
import { EmptyState } from "../ui/EmptyState.tsx";

export function ProjectList({ items, searching }: { items: Project[]; searching: boolean }) {
  if (items.length === 0)
    return (
      <EmptyState title={searching ? "No project matches your search" : "No projects yet"}>
        {searching ? "Try another word." : "Create your first project to draw a network."}
      </EmptyState>
    );
  return (
    <ul className="project-list">
      {items.map((project) => (
        <li key={project.id} className="card project-card">
          <Link to={`/projects/${project.id}`} className="project-link">
            <strong>{project.name}</strong>
          </Link>
          <p className="muted">{project.description || "No description"}</p>
          <p className="meta">
            <span className={`badge role-${project.role}`}>{project.role}</span>
            {project.archivedAt && <span className="badge">archived</span>}
            <span className="muted">updated {formatDate(project.updatedAt)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
