import { useReactFlow } from "@xyflow/react";
import { useRef } from "react";
import { PALETTE_MIME } from "./canvas/DiagramCanvas.tsx";
import { useEditor } from "./EditorContext.tsx";
import { KINDS, PALETTE } from "./model/catalog.ts";
import { ElementSymbol } from "./symbols/ElementSymbol.tsx";
import { useEditorActions } from "./useEditorActions.ts";

/** Equipment to drag onto the diagram (or click: it lands in the middle of the view). */
export function Palette() {
  const { canEdit } = useEditor();
  const actions = useEditorActions();
  const flow = useReactFlow();
  const clicks = useRef(0);
  const addAtCentre = (collection: (typeof PALETTE)[number]) => {
    const rect = document.querySelector(".diagram")?.getBoundingClientRect();
    if (!rect) return;
    const nudge = (clicks.current++ % 5) * 24;
    const centre = flow.screenToFlowPosition({
      x: rect.left + rect.width / 2 + nudge,
      y: rect.top + rect.height / 2 + nudge,
    });
    actions.add(collection, centre);
  };
  return (
    <aside className="palette" aria-label="Palette">
      {PALETTE.map((collection) => (
        <button
          key={collection}
          type="button"
          className="palette-item"
          draggable={canEdit}
          disabled={!canEdit}
          data-testid={`palette-${collection}`}
          title={`${KINDS[collection].label}: drag onto the diagram or click`}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, collection);
            e.dataTransfer.effectAllowed = "copy";
          }}
          onClick={() => addAtCentre(collection)}
        >
          <ElementSymbol collection={collection} />
          <span>{KINDS[collection].label}</span>
        </button>
      ))}
    </aside>
  );
}
