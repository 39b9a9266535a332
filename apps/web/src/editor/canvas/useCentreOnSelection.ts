import { useReactFlow, useStore } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { useEditor } from "../EditorContext.tsx";
import { useAllNodes } from "./diagram-nodes.tsx";
import { nodeRect } from "./visible-window.ts";

/** Zoom at which a jumped-to element is shown: symbols and labels readable. */
export const JUMP_ZOOM = 1;

/**
 * When one element becomes selected from outside the diagram (a search result, a results-table
 * row) and it is not fully on screen, the view centres on it, zoomed in far enough to read it.
 * Clicking a node on the diagram selects something already on screen, so the view stays put.
 */
export function useCentreOnSelection(): void {
  const { state } = useEditor();
  const flow = useReactFlow();
  const all = useAllNodes();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const previous = useRef<string | null>(null);
  const only = state.selection.length === 1 ? (state.selection[0] as string) : null;

  useEffect(() => {
    if (only === previous.current) return;
    previous.current = only;
    if (!only || only.includes("|")) return;
    // From every node, not xyflow's: on a large network it holds only those near the view.
    const node = all.current.find((n) => n.id === only);
    if (!node) return;
    const { x, y, width: w, height: h } = nodeRect(node);
    const topLeft = flow.flowToScreenPosition({ x, y });
    const bottomRight = flow.flowToScreenPosition({ x: x + w, y: y + h });
    const pane = document.querySelector(".diagram .react-flow")?.getBoundingClientRect();
    const left = pane?.left ?? 0;
    const top = pane?.top ?? 0;
    const onScreen =
      topLeft.x >= left &&
      topLeft.y >= top &&
      bottomRight.x <= left + width &&
      bottomRight.y <= top + height &&
      flow.getZoom() >= 0.5;
    if (onScreen) return;
    void flow.setCenter(x + w / 2, y + h / 2, { zoom: Math.max(flow.getZoom(), JUMP_ZOOM), duration: 0 });
  }, [only, flow, all, width, height]);
}
