import {
  getNodesBounds,
  getViewportForBounds,
  type ReactFlowInstance,
  useReactFlow,
  useStoreApi,
} from "@xyflow/react";
import { useCallback } from "react";
import type { DiagramNode, WireEdge } from "./types.ts";

/** Fit view's margin, as a fraction of the pane, and its largest zoom (a 2-bus network). */
const PADDING = 0.1;
const MAX_ZOOM = 1.2;

/**
 * "Fit view" that always shows the whole network. xyflow's own fitView waits until every node has
 * been measured, which never happens once only visible nodes render (useDiagram): this fits the
 * nodes' positions and declared sizes (measured where measured) straight away.
 */
export function useFitWholeNetwork(): () => void {
  const flow = useReactFlow<DiagramNode, WireEdge>();
  const store = useStoreApi();
  return useCallback(() => fitWholeNetwork(flow, store.getState()), [flow, store]);
}

export function fitWholeNetwork(
  flow: ReactFlowInstance<DiagramNode, WireEdge>,
  pane: { width: number; height: number; minZoom: number },
): void {
  const nodes = flow.getNodes();
  if (nodes.length === 0 || pane.width === 0 || pane.height === 0) return;
  const bounds = getNodesBounds(nodes.map((n) => flow.getInternalNode(n.id) ?? n));
  const viewport = getViewportForBounds(bounds, pane.width, pane.height, pane.minZoom, MAX_ZOOM, PADDING);
  void flow.setViewport(viewport);
}
