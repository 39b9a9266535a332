import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { useCallback, useLayoutEffect, useState } from "react";
import { useEditor } from "../EditorContext.tsx";
import { ghostNodes, toFlow } from "./to-flow.ts";
import type { Decorations, DiagramNode, WireEdge } from "./types.ts";

/**
 * The diagram's nodes and edges, rebuilt from the document whenever it changes, while xyflow
 * keeps its own transient state between edits (measured sizes, positions during a drag).
 */
export function useDiagram(deco: Decorations) {
  const { doc, layout, state, dispatch } = useEditor();
  const { selection, diff } = state;
  const [nodes, setNodes] = useState<DiagramNode[]>([]);
  const [edges, setEdges] = useState<WireEdge[]>([]);

  useLayoutEffect(() => {
    const flow = toFlow(doc, layout, deco);
    const removed = new Set(diff?.diff.removed.map((r) => r.id));
    const ghosts = diff ? ghostNodes(diff.before, layout, removed) : [];
    const selected = new Set(selection);
    setNodes((previous) => {
      const measured = new Map(previous.map((n) => [n.id, n.measured]));
      return [...ghosts, ...flow.nodes].map((n) => ({
        ...n,
        measured: measured.get(n.id),
        selected: selected.has(n.id),
      })) as DiagramNode[];
    });
    setEdges(flow.edges.map((e) => ({ ...e, selected: selected.has(e.id) })));
  }, [doc, layout, deco, selection, diff]);

  /**
   * The editor's selection is the source of truth: xyflow's select changes (user clicks) are
   * forwarded as deltas, never its lagging "current selection", which would fight our updates.
   */
  const forwardSelection = useCallback(
    (changes: Array<NodeChange<DiagramNode> | EdgeChange<WireEdge>>) => {
      const delta = changes.flatMap((c) => (c.type === "select" ? [{ id: c.id, selected: c.selected }] : []));
      if (delta.length > 0) dispatch({ type: "selectDelta", delta });
    },
    [dispatch],
  );
  const onNodesChange = useCallback(
    (changes: NodeChange<DiagramNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      forwardSelection(changes);
    },
    [forwardSelection],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<WireEdge>[]) => {
      setEdges((current) => applyEdgeChanges(changes, current));
      forwardSelection(changes);
    },
    [forwardSelection],
  );

  return { nodes, edges, onNodesChange, onEdgesChange };
}
