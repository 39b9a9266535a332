import { useOutletContext } from "react-router";
import type { Project } from "../lib/api-types.ts";

export interface ProjectContext {
  project: Project;
  /** Editors and owners may save versions and run studies; viewers only look. */
  canEdit: boolean;
}

/** The project of the surrounding ProjectLayout. */
export function useProject(): ProjectContext {
  return useOutletContext<ProjectContext>();
}
