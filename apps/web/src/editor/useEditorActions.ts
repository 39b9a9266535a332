import type { ElementCollection } from "@ampflux/contracts";
import { useMemo } from "react";
import { useEditor } from "./EditorContext.tsx";
import { type EditorDocument, findElement, updateElement } from "./model/document.ts";
import { addElement, connect, removeElements, renameElement } from "./model/edit.ts";
import {
  anchorOf,
  BUS_HEIGHT,
  BUS_MIN_WIDTH,
  documentLayout,
  ELEMENT_SIZE,
  keepPositions,
  type Layout,
  type Point,
} from "./model/layout.ts";

const round = (v: number) => Math.round(v);

/** Every edit the editor offers, each one undoable. */
export function useEditorActions() {
  const { dispatch } = useEditor();
  return useMemo(
    () => ({
      /** Places a new element centred on `at` (diagram coordinates) and selects it. */
      add(collection: ElementCollection, at: Point) {
        dispatch({
          type: "edit",
          update: ({ doc, layout }) => {
            if (collection === "buses") {
              const geo = { x: round(at.x - BUS_MIN_WIDTH / 2), y: round(at.y - BUS_HEIGHT / 2) };
              const added = addElement(doc, collection, { geo });
              return { doc: added.doc, layout, select: [added.id] };
            }
            const added = addElement(doc, collection);
            // Unconnected elements are anchored at the origin: the offset is the position.
            const offset = {
              x: round(at.x - ELEMENT_SIZE.width / 2),
              y: round(at.y - ELEMENT_SIZE.height / 2),
            };
            return { doc: added.doc, layout: { ...layout, [added.id]: offset }, select: [added.id] };
          },
        });
      },
      connect(elementId: string, field: string, busId: string) {
        dispatch({
          type: "edit",
          update: ({ doc, layout }) => {
            const next = connect(doc, elementId, field, busId);
            return { doc: next, layout: keepPositions(doc, next, layout, [elementId]) };
          },
        });
      },
      /** Removes elements (node ids) and disconnects wires (edge ids "element|field"). */
      remove(ids: string[]) {
        dispatch({
          type: "edit",
          select: [],
          update: ({ doc, layout }) => {
            const wires = ids.filter((id) => id.includes("|"));
            const elements = ids.filter((id) => !id.includes("|"));
            let next: EditorDocument = doc;
            for (const wire of wires) {
              const [id = "", field = ""] = wire.split("|");
              if (!elements.includes(id)) next = updateElement(next, id, { [field]: "" });
            }
            const touched = wires.map((w) => w.split("|")[0] ?? "");
            let nextLayout = keepPositions(doc, next, layout, touched);
            const orphans = elements.flatMap((id) => connectedTo(next, id));
            const after = removeElements(next, elements);
            nextLayout = keepPositions(next, after, nextLayout, orphans);
            for (const id of elements) delete nextLayout[id];
            return { doc: after, layout: nextLayout };
          },
        });
      },
      /** Commits dragged positions: bus geo into the document, other elements into the layout. */
      move(positions: Array<{ id: string; position: Point }>) {
        dispatch({
          type: "edit",
          update: ({ doc, layout }) => {
            let next = doc;
            for (const { id, position } of positions) {
              if (next.buses.some((b) => b.id === id))
                next = updateElement(next, id, { geo: { x: round(position.x), y: round(position.y) } });
            }
            const nextLayout: Layout = { ...layout };
            for (const { id, position } of positions) {
              const found = findElement(next, id);
              if (!found || found.collection === "buses") continue;
              const anchor = anchorOf(next, found.collection, found.element);
              nextLayout[id] = { x: round(position.x - anchor.x), y: round(position.y - anchor.y) };
            }
            return { doc: next, layout: nextLayout };
          },
        });
      },
      setField(id: string, field: string, value: unknown) {
        dispatch({
          type: "edit",
          coalesce: `${id}.${field}`,
          update: ({ doc, layout }) => {
            const next = updateElement(doc, id, { [field]: value });
            const isTerminal = /bus$|^element$/.test(field);
            return { doc: next, layout: isTerminal ? keepPositions(doc, next, layout, [id]) : layout };
          },
        });
      },
      /** Several fields at once, as one step (picking a type copies its values and sets `type`). */
      setFields(id: string, patch: Record<string, unknown>) {
        dispatch({
          type: "edit",
          update: ({ doc, layout }) => ({ doc: updateElement(doc, id, patch), layout }),
        });
      },
      setDocumentField(field: "name" | "frequency_hz", value: string | number) {
        dispatch({
          type: "edit",
          coalesce: `document.${field}`,
          update: ({ doc, layout }) => ({ doc: { ...doc, [field]: value }, layout }),
        });
      },
      rename(from: string, to: string) {
        dispatch({
          type: "edit",
          select: [to],
          update: ({ doc, layout }) => {
            const next = renameElement(doc, from, to);
            if (next === doc) return { doc, layout };
            const nextLayout = { ...layout };
            if (nextLayout[from]) {
              nextLayout[to] = nextLayout[from];
              delete nextLayout[from];
            }
            return { doc: next, layout: nextLayout };
          },
        });
      },
      /** Replaces the whole network (import), as one undoable step. */
      replace(doc: EditorDocument, layout: Layout = documentLayout(doc) ?? {}) {
        dispatch({ type: "edit", select: [], update: () => ({ doc, layout }) });
      },
      select(ids: string[]) {
        dispatch({ type: "select", ids });
      },
      undo() {
        dispatch({ type: "undo" });
      },
      redo() {
        dispatch({ type: "redo" });
      },
    }),
    [dispatch],
  );
}

/** Elements wired to `busId` (they stay where they are when the bus goes). */
function connectedTo(doc: EditorDocument, busId: string): string[] {
  const ids: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === "buses" || !Array.isArray(value)) continue;
    for (const e of value as Array<Record<string, unknown>>)
      if (Object.values(e).includes(busId)) ids.push(String(e.id));
  }
  return ids;
}
