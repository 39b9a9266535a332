import { type ElementCollection, isElementCollection } from "@ampflux/contracts";
import {
  Background,
  type Connection,
  ConnectionMode,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useEditor } from "../EditorContext.tsx";
import { useEditorActions } from "../useEditorActions.ts";
import { BusNodeView } from "./BusNodeView.tsx";
import { DiagramSearch } from "./DiagramSearch.tsx";
import { ElementNodeView } from "./ElementNodeView.tsx";
import { useFitWholeNetwork } from "./fit-view.ts";
import { OVERVIEW_MAX_ZOOM, usesOverview } from "./level-of-detail.ts";
import { OverviewCanvas } from "./OverviewCanvas.tsx";
import type { Decorations, DiagramNode, WireEdge } from "./types.ts";
import { useCentreOnSelection } from "./useCentreOnSelection.ts";
import { useDiagram } from "./useDiagram.ts";
import { WireEdgeView } from "./WireEdgeView.tsx";

const nodeTypes = { bus: BusNodeView, element: ElementNodeView };
const edgeTypes = { wire: WireEdgeView };
export const PALETTE_MIME = "application/x-ampflux-element";

/**
 * The one-line diagram: drop from the palette, wire terminals to buses, move, select. `children`
 * are overlays drawn in the flow (branch currents), shown while the diagram draws its nodes.
 */
export function DiagramCanvas({ decorations, children }: { decorations: Decorations; children?: ReactNode }) {
  const { canEdit, doc, state } = useEditor();
  const actions = useEditorActions();
  const flow = useReactFlow();
  const { all, nodes, edges, large, onNodesChange, onEdgesChange } = useDiagram(decorations);
  const busIds = useMemo(() => new Set(doc.buses.map((b) => b.id)), [doc.buses]);
  useCentreOnSelection();
  // Zoomed out on a large network: one canvas draws it and xyflow is given no nodes (useDiagram).
  // Recomputed only when the zoom crosses the limit.
  const zoomedOut = useStore((s) => s.transform[2] < OVERVIEW_MAX_ZOOM);
  const overview = usesOverview(all.length, zoomedOut ? 0 : 1);
  // Fit a loaded network into view once; an empty one keeps its viewport, or the first element
  // dropped would make the view jump and zoom under the user's pointer.
  const [fitOnLoad] = useState(doc.buses.length > 0);
  const fitWhole = useFitWholeNetwork();
  // Fits once the pane has a size and the nodes are built (a render after the document), and
  // again when several elements appear at once (an import, a restored draft or version): only
  // visible nodes render, so a network drawn off-screen would not be seen at all. Dropping one
  // element adds one node and keeps the view.
  const paneSized = useStore((s) => s.width > 0 && s.height > 0);
  const nodeCount = all.length;
  const fitted = useRef(false);
  const lastCount = useRef(0);
  useEffect(() => {
    if (!paneSized) return;
    const grew = nodeCount - lastCount.current > 1;
    lastCount.current = nodeCount;
    if (nodeCount === 0 || !(grew || (fitOnLoad && !fitted.current))) return;
    fitted.current = true;
    fitWhole();
  }, [fitOnLoad, paneSized, nodeCount, fitWhole]);

  const isBus = useCallback((id: string | null) => id !== null && busIds.has(id), [busIds]);

  const isValidConnection = useCallback(
    (c: Connection | { source: string; target: string }) => isBus(c.source) !== isBus(c.target),
    [isBus],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const [element, handle, bus] = isBus(c.target)
        ? [c.source, c.sourceHandle, c.target]
        : [c.target, c.targetHandle, c.source];
      if (handle && isBus(bus) && !isBus(element)) actions.connect(element, handle, bus);
    },
    [actions, isBus],
  );

  const onDrop = (event: React.DragEvent) => {
    const kind = event.dataTransfer.getData(PALETTE_MIME);
    if (!isElementCollection(kind) || !canEdit) return;
    event.preventDefault();
    actions.add(kind as ElementCollection, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  return (
    <div
      className="diagram"
      data-testid="diagram"
      role="application"
      aria-label="Network diagram"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(PALETTE_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }
      }}
      onDrop={onDrop}
    >
      <ReactFlow<DiagramNode, WireEdge>
        nodes={nodes}
        edges={edges}
        // Small networks draw everything (cheap, and off-screen marks stay in the page); large
        // ones only what is visible of the window they are given.
        onlyRenderVisibleElements={large}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStop={(_event, _node, dragged) =>
          actions.move(dragged.map((n) => ({ id: n.id, position: n.position })))
        }
        connectionMode={ConnectionMode.Loose}
        connectionRadius={28}
        nodesDraggable={canEdit}
        nodesConnectable={canEdit}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        snapToGrid
        snapGrid={[10, 10]}
        minZoom={0.005}
        maxZoom={3}
        proOptions={{ hideAttribution: true }}
      >
        {overview ? (
          <OverviewCanvas doc={doc} decorations={decorations} selection={state.selection} />
        ) : (
          <Background gap={20} size={1} />
        )}
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={fitWhole} title="Fit view" aria-label="Fit view">
            <svg viewBox="0 0 32 30" aria-hidden="true">
              <path d="M3.7 11.5v-7h7V1H0v10.5h3.7zM22 1v3.6h7v7H32V1H22zm7 17.9v7h-7V29h10V18.9h-3zM3.7 18.9H0V29h10.7v-3.6H3.7v-6.5z" />
            </svg>
          </ControlButton>
        </Controls>
        {/* The minimap draws the nodes xyflow has: on a large network only the part near the view,
            so there the overview (zoom out) is the map of the whole network. */}
        {!large && <MiniMap pannable zoomable nodeStrokeWidth={3} />}
        {!overview && children}
      </ReactFlow>
      {doc.buses.length > 0 && <DiagramSearch decorations={decorations} />}
      {doc.buses.length === 0 && (
        <div className="diagram-empty">
          <strong>Start drawing</strong>
          <span>
            Drag a bus and an external grid from the palette, then wire the grid's terminal to the bus.
          </span>
        </div>
      )}
    </div>
  );
}
