import {
  describeNetworkElement,
  fieldLabel,
  isElementCollection,
  type NetworkIssue,
  type NetworkValidation,
} from "@ampflux/contracts";
import { KINDS } from "../model/catalog.ts";
import type { EditorDocument } from "../model/document.ts";

export interface FieldIssues {
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
  /** Issues of the element as a whole (unknown fields, …). */
  general: string[];
}

const push = (map: Map<string, string[]>, key: string, message: string) =>
  map.set(key, [...(map.get(key) ?? []), message]);

/** Says "not connected" rather than zod's "expected string to have >=1 characters". */
function friendly(collection: string, field: string, value: unknown, message: string): string {
  const isTerminal =
    isElementCollection(collection) && KINDS[collection].terminals.some((t) => t.field === field);
  if (isTerminal && value === "") return "not connected: drag its terminal onto a bus";
  return message;
}

/** validateNetwork's messages for one element, by field (paths [collection, index, field, …]). */
export function issuesOf(
  validation: NetworkValidation,
  doc: EditorDocument,
  collection: string,
  index: number,
): FieldIssues {
  const result: FieldIssues = { errors: new Map(), warnings: new Map(), general: [] };
  const element = isElementCollection(collection) ? doc[collection][index] : undefined;
  const add = (issue: NetworkIssue, map: Map<string, string[]>) => {
    const [c, i, field] = issue.path;
    if (c !== collection || i !== index) return;
    if (typeof field === "string")
      push(map, field, friendly(collection, field, element?.[field], issue.message));
    else result.general.push(issue.message);
  };
  for (const issue of validation.errors) add(issue, result.errors);
  for (const issue of validation.warnings) add(issue, result.warnings);
  return result;
}

/** The element id an issue path points at, for issue lists that select their element. */
export function elementOfIssue(doc: EditorDocument, issue: NetworkIssue): string | undefined {
  const [collection, index] = issue.path;
  if (typeof collection !== "string" || !isElementCollection(collection) || typeof index !== "number")
    return undefined;
  return doc[collection][index]?.id;
}

/** Ids of elements with errors, for the diagram's red outline. */
export function invalidIds(doc: EditorDocument, validation: NetworkValidation): Set<string> {
  const ids = new Set<string>();
  for (const issue of validation.errors) {
    const id = elementOfIssue(doc, issue);
    if (id) ids.add(id);
  }
  return ids;
}

/** An issue in the user's words: the element ("bus B3 'Main'") and the rest of the sentence. */
export interface WordedIssue {
  /** The element's id, when the issue is about one (its button selects it). */
  id: string | undefined;
  /** "bus B3 'Main'", or "document" for document-level issues. */
  element: string;
  /** "Nominal voltage Un (kV): must be > 0.001". */
  text: string;
}

/** Words a validation issue for the issue lists: element by kind, id and name; field by its label. */
export function wordIssue(doc: EditorDocument, issue: NetworkIssue): WordedIssue {
  const [collection, index, ...field] = issue.path;
  if (typeof collection !== "string" || !isElementCollection(collection) || typeof index !== "number") {
    const where = issue.path.join(".");
    return { id: undefined, element: "document", text: where ? `${where}: ${issue.message}` : issue.message };
  }
  const element = doc[collection][index];
  const text = field.length > 0 ? `${fieldLabel(collection, field)}: ${issue.message}` : issue.message;
  return { id: element?.id || undefined, element: describeNetworkElement(collection, index, element), text };
}
