import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { trpc } from "../../trpc.ts";
import { useEditor } from "../EditorContext.tsx";
import { withBusPositions } from "../model/auto-layout.ts";
import { emptyDocument, normalizeDocument } from "../model/document.ts";
import { initialLayout } from "../model/layout.ts";

/** Loads a saved version (the latest without an argument) into the editor, replacing its state. */
export function useReload() {
  const { projectId, dispatch, doc } = useEditor();
  const queryClient = useQueryClient();
  return useCallback(
    async (version?: number) => {
      const options = trpc.circuits.get.queryOptions(
        version === undefined ? { projectId } : { projectId, version },
      );
      const loaded = await queryClient.fetchQuery({ ...options, staleTime: 0 });
      const next = loaded ? withBusPositions(normalizeDocument(loaded.document)) : emptyDocument(doc.name);
      dispatch({
        type: "load",
        doc: next,
        layout: initialLayout(next, projectId),
        baseVersion: loaded?.version ?? null,
      });
      // The history and "latest version" (read by the simulations page) changed with a restore.
      await queryClient.invalidateQueries({ queryKey: trpc.circuits.pathKey() });
    },
    [projectId, dispatch, queryClient, doc.name],
  );
}
