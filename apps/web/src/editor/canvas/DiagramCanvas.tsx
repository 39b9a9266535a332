import { type ElementCollection, isElementCollection } from "@ampflux/contracts";
import {
  Background,
  type Connection,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { useCallback, useState } from "react";
import { useEditor } from "../EditorContext.tsx";
import { useEditorActions } from "../useEditorActions.ts";
import { BusNodeView } from "./BusNodeView.tsx";
import { ElementNodeView } from "./ElementNodeView.tsx";
import type { Decorations, DiagramNode, WireEdge } from "./types.ts";
import { useDiagram } from "./useDiagram.ts";
import { WireEdgeView } from "./WireEdgeView.tsx";

const nodeTypes = { bus: BusNodeView, element: ElementNodeView };
const edgeTypes = { wire: WireEdgeView };
export const PALETTE_MIME = "application/x-ampflux-element";

/** The one-line diagram: drop from the palette, wire terminals to buses, move, select. */
export function DiagramCanvas({ decorations }: { decorations: Decorations }) {
  const { canEdit, doc } = useEditor();
  const actions = useEditorActions();
  const flow = useReactFlow();
  const { nodes, edges, onNodesChange, onEdgesChange } = useDiagram(decorations);
  const busIds = new Set(doc.buses.map((b) => b.id));
  // Fit a loaded network into view once; an empty one keeps its viewport, or the first element
  // dropped would make the view jump and zoom under the user's pointer.
  const [fitOnLoad] = useState(doc.buses.length > 0);

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
        minZoom={0.1}
        maxZoom={3}
        fitView={fitOnLoad}
        fitViewOptions={{ padding: 0.3, maxZoom: 1.2 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} />
      </ReactFlow>
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
