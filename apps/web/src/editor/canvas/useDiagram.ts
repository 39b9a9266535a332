import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  useStoreApi,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from "react";
import { useEditor } from "../EditorContext.tsx";
import { useAllNodes } from "./diagram-nodes.tsx";
import { OVERVIEW_MIN_NODES } from "./level-of-detail.ts";
import { shallowEqual } from "./shallow-equal.ts";
import { ghostNodes, toFlow } from "./to-flow.ts";
import type { Decorations, DiagramNode, WireEdge } from "./types.ts";
import { nextWindow, nodesInWindow, type Rect } from "./visible-window.ts";

function sameNode(old: DiagramNode, next: DiagramNode, selected: boolean): boolean {
  return (
    old.selected === selected &&
    old.type === next.type &&
    old.position.x === next.position.x &&
    old.position.y === next.position.y &&
    old.draggable === next.draggable &&
    // toFlow hands on an unchanged node's data object itself: the first test of shallowEqual.
    shallowEqual(old.data, next.data)
  );
}

/**
 * xyflow renders every node it has not measured yet, visible or not (to find its handles): on a
 * 5,000-node network that is seconds of work at every load. A node not yet measured declares no
 * handles instead, so only the visible ones render (their size is known from initialWidth and
 * initialHeight); once rendered and measured, its real handles come from the DOM.
 */
function unmeasured(node: DiagramNode): DiagramNode {
  return node.measured?.width === undefined ? { ...node, handles: [] } : node;
}

function measuredHandles(node: DiagramNode): DiagramNode {
  if (node.handles === undefined || node.measured?.width === undefined) return node;
  const { handles: _declared, ...rest } = node;
  return rest as DiagramNode;
}

/**
 * The window of a large diagram handed to xyflow (visible-window.ts), following the viewport: a
 * new one only when the view leaves it or zooms far into it, none in the overview.
 */
function useDiagramWindow(large: boolean): Rect | null {
  const store = useStoreApi();
  const [window, setWindow] = useState<Rect | null>(null);
  useEffect(() => {
    if (!large) return;
    const follow = () => {
      const { transform, width, height } = store.getState();
      const viewport = { x: transform[0], y: transform[1], zoom: transform[2] };
      setWindow((current) => nextWindow(current, viewport, { width, height }));
    };
    follow();
    return store.subscribe(follow);
  }, [store, large]);
  return large ? window : null;
}

/**
 * The diagram's nodes and edges, rebuilt from the document whenever it changes, while xyflow
 * keeps its own transient state between edits (measured sizes, positions during a drag). `all`
 * is every node; `nodes` and `edges` are what xyflow is given: all of a small network, the part
 * near the view of a large one (OVERVIEW_MIN_NODES or more).
 */
export function useDiagram(deco: Decorations) {
  const { doc, layout, state, dispatch } = useEditor();
  const { selection, diff } = state;
  const [nodes, setNodes] = useState<DiagramNode[]>([]);
  const [edges, setEdges] = useState<WireEdge[]>([]);
  const all = useAllNodes();
  useLayoutEffect(() => {
    all.current = nodes;
  }, [all, nodes]);
  const large = nodes.length >= OVERVIEW_MIN_NODES;
  const window = useDiagramWindow(large);
  const shown = useMemo(
    () => (large ? nodesInWindow(nodes, edges, window) : { nodes, edges }),
    [large, nodes, edges, window],
  );

  // Built again only when the document, layout or decorations change, not for a selection.
  const flow = useMemo(() => toFlow(doc, layout, deco), [doc, layout, deco]);
  const ghosts = useMemo(() => {
    const removed = new Set(diff?.diff.removed.map((r) => r.id));
    return diff ? ghostNodes(diff.before, layout, removed) : [];
  }, [diff, layout]);

  useLayoutEffect(() => {
    const selected = new Set(selection);
    setNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return [...ghosts, ...flow.nodes].map((n) => {
        const old = before.get(n.id);
        const isSelected = selected.has(n.id);
        // An unchanged node keeps its object, so xyflow and the memoised views skip it: a
        // selection or one edit on a 13,659-bus network re-renders only what changed.
        if (old && sameNode(old, n, isSelected)) return old;
        return unmeasured({ ...n, measured: old?.measured, selected: isSelected });
      }) as DiagramNode[];
    });
    setEdges((previous) => {
      const before = new Map(previous.map((e) => [e.id, e]));
      return flow.edges.map((e) => {
        const old = before.get(e.id);
        const isSelected = selected.has(e.id);
        if (
          old &&
          old.selected === isSelected &&
          old.source === e.source &&
          old.target === e.target &&
          old.data?.diff === e.data?.diff
        )
          return old;
        return { ...e, selected: isSelected };
      });
    });
  }, [flow, ghosts, selection]);

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
      setNodes((current) => applyNodeChanges(changes, current).map(measuredHandles));
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

  return { all: nodes, nodes: shown.nodes, edges: shown.edges, large, onNodesChange, onEdgesChange };
}
