import { getViewportForBounds, type ReactFlowInstance, useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback } from "react";
import { useAllNodes } from "./diagram-nodes.tsx";
import type { DiagramNode, WireEdge } from "./types.ts";
import { boundsOf } from "./visible-window.ts";

/** Fit view's margin, as a fraction of the pane, and its largest zoom (a 2-bus network). */
const PADDING = 0.1;
const MAX_ZOOM = 1.2;

/**
 * "Fit view" that always shows the whole network. xyflow's own fitView waits until every node has
 * been measured, which never happens once only visible nodes render (useDiagram), and it knows only
 * the nodes it was given (on a large network, those near the view): this fits every node's
 * position and declared size (measured where measured) straight away.
 */
export function useFitWholeNetwork(): () => void {
  const flow = useReactFlow<DiagramNode, WireEdge>();
  const store = useStoreApi();
  const all = useAllNodes();
  return useCallback(() => fitWholeNetwork(flow, store.getState(), all.current), [flow, store, all]);
}

export function fitWholeNetwork(
  flow: ReactFlowInstance<DiagramNode, WireEdge>,
  pane: { width: number; height: number; minZoom: number },
  nodes: readonly DiagramNode[],
): void {
  const bounds = boundsOf(nodes);
  if (!bounds || pane.width === 0 || pane.height === 0) return;
  const viewport = getViewportForBounds(bounds, pane.width, pane.height, pane.minZoom, MAX_ZOOM, PADDING);
  void flow.setViewport(viewport);
}
