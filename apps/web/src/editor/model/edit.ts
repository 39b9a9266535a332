import { ELEMENT_COLLECTIONS, type ElementCollection } from "@ampflux/contracts";
import { KINDS } from "./catalog.ts";
import { defaultsFor } from "./defaults.ts";
import {
  type EditorDocument,
  type Element,
  findElement,
  nextId,
  updateElement,
  withCollection,
} from "./document.ts";

/** Fields outside the terminals that name other elements, renamed along with them. */
const OTHER_REFERENCES: Array<[ElementCollection, string]> = [
  ["switches", "element"],
  ["generators", "power_station_trafo"],
];

export function addElement(
  doc: EditorDocument,
  collection: ElementCollection,
  extra: Record<string, unknown> = {},
): { doc: EditorDocument; id: string } {
  const id = nextId(doc, collection);
  const element: Element = { id, ...defaultsFor(collection), ...extra };
  return { doc: withCollection(doc, collection, (elements) => [...elements, element]), id };
}

/** Connects an element's terminal (handle = bus field) to a bus. */
export function connect(doc: EditorDocument, id: string, field: string, busId: string): EditorDocument {
  const found = findElement(doc, id);
  if (!found) return doc;
  const patch: Record<string, unknown> = { [field]: busId };
  if (found.collection === "switches" && field === "element") patch.element_type = "bus";
  return updateElement(doc, id, patch);
}

/**
 * Buses' arc_flash.devices with switch `from` renamed to `to`, or dropped (to undefined); a list
 * left empty goes, so the study searches for the devices again.
 */
function followDevices(doc: EditorDocument, from: string, to: string | undefined): EditorDocument {
  const names = (bus: Element) => {
    const arc = bus.arc_flash as { devices?: unknown } | undefined;
    return Array.isArray(arc?.devices) ? (arc.devices as unknown[]) : [];
  };
  if (!doc.buses.some((b) => names(b).includes(from))) return doc;
  return withCollection(doc, "buses", (buses) =>
    buses.map((bus) => {
      const devices = names(bus);
      if (!devices.includes(from)) return bus;
      const renamed =
        to === undefined ? devices.filter((d) => d !== from) : devices.map((d) => (d === from ? to : d));
      const { devices: _, ...rest } = bus.arc_flash as Record<string, unknown>;
      const arc = renamed.length > 0 ? { ...rest, devices: renamed } : rest;
      const copy: Element = { ...bus, arc_flash: arc };
      if (Object.keys(arc).length === 0) delete copy.arc_flash;
      return copy;
    }),
  );
}

/** Every reference to `id` (bus fields, switch targets, unit transformers, arc-flash devices) set to "" or removed. */
function dropReferences(doc: EditorDocument, id: string): EditorDocument {
  let next = followDevices(doc, id, undefined);
  for (const collection of ELEMENT_COLLECTIONS) {
    const fields = [...KINDS[collection].terminals.map((t) => t.field)];
    for (const [c, field] of OTHER_REFERENCES) if (c === collection) fields.push(field);
    if (!next[collection].some((e) => fields.some((f) => e[f] === id))) continue;
    next = withCollection(next, collection, (elements) =>
      elements.map((e) => {
        if (!fields.some((f) => e[f] === id)) return e;
        const copy: Element = { ...e };
        for (const f of fields) {
          if (copy[f] !== id) continue;
          if (f === "power_station_trafo") delete copy[f];
          else copy[f] = "";
        }
        return copy;
      }),
    );
  }
  return next;
}

/** Deletes elements; what referenced them stays on the diagram, disconnected. */
export function removeElements(doc: EditorDocument, ids: Iterable<string>): EditorDocument {
  let next = doc;
  for (const id of ids) {
    const found = findElement(next, id);
    if (!found) continue;
    next = withCollection(next, found.collection, (elements) => elements.filter((e) => e.id !== id));
    next = dropReferences(next, id);
  }
  return next;
}

/** Renames an element and every reference to it. */
export function renameElement(doc: EditorDocument, from: string, to: string): EditorDocument {
  if (!to || from === to || findElement(doc, to)) return doc;
  let next = followDevices(updateElement(doc, from, { id: to }), from, to);
  for (const collection of ELEMENT_COLLECTIONS) {
    const fields = [...KINDS[collection].terminals.map((t) => t.field)];
    for (const [c, field] of OTHER_REFERENCES) if (c === collection) fields.push(field);
    next = withCollection(next, collection, (elements) =>
      elements.map((e) => {
        if (!fields.some((f) => e[f] === from)) return e;
        const copy: Element = { ...e };
        for (const f of fields) if (copy[f] === from) copy[f] = to;
        return copy;
      }),
    );
  }
  return next;
}
