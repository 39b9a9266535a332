import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useMemo } from "react";
import { useProject } from "../projects/useProject.ts";
import { studySettingsQuery } from "../results/useProjectStudyOptions.ts";
import { trpc } from "../trpc.ts";
import { typeListQuery } from "../types/useTypeLibrary.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { AllNodesProvider } from "./canvas/diagram-nodes.tsx";
import { EditorProvider } from "./EditorContext.tsx";
import { EditorWorkspace } from "./EditorWorkspace.tsx";
import { withBusPositions } from "./model/auto-layout.ts";
import { emptyDocument, normalizeDocument } from "./model/document.ts";
import { initialLayout } from "./model/layout.ts";

/** Loads the project's latest version (or starts an empty network) into the editor. */
export function EditorPage() {
  const { project, canEdit } = useProject();
  const latest = useQuery({
    ...trpc.circuits.get.queryOptions({ projectId: project.id }),
    // The editor owns the document once loaded: no background refetch may replace it.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  // Loaded before the workspace, which opens with the project's study settings.
  const settings = useQuery(studySettingsQuery(project.id));
  // And with the company's types (fetched meanwhile): arriving later, they would have a large
  // network validated and drawn a second time. If they cannot be read, it opens with the built-ins.
  const types = useQuery(typeListQuery());
  const initial = useMemo(() => {
    if (latest.data === undefined) return null;
    const doc = latest.data
      ? withBusPositions(normalizeDocument(latest.data.document))
      : emptyDocument(project.name);
    return { doc, version: latest.data?.version ?? null, layout: initialLayout(doc, project.id) };
  }, [latest.data, project]);
  if (latest.isPending || settings.isPending || types.isPending)
    return <Loading label="Loading the network…" />;
  if (latest.isError) return <ErrorMessage error={latest.error} />;
  if (settings.isError) return <ErrorMessage error={settings.error} />;
  if (!initial) return null;
  return (
    <ReactFlowProvider>
      <AllNodesProvider>
        <EditorProvider
          projectId={project.id}
          canEdit={canEdit && !project.archivedAt}
          doc={initial.doc}
          layout={initial.layout}
          baseVersion={initial.version}
        >
          <EditorWorkspace />
        </EditorProvider>
      </AllNodesProvider>
    </ReactFlowProvider>
  );
}
