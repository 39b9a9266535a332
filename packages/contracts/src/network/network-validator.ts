// Successive versions of one network, as an editor makes them, validated by checking again only
// the elements that changed. Documents are treated as immutable: an edit makes a new document that
// shares every unchanged element object with the last one, so "changed" is "not the same object".
// Validating case9241pegase whole (type resolution, the schema over ~40,000 elements, then the
// checks across elements) took ~50 ms per edit in Chromium, on the main thread and again in the
// engine worker, with as much again in garbage collection (docs/performance.md, "Editor in
// Chromium"); one changed element is parsed in microseconds and the checks across elements, which
// any element can affect (ids, references, voltages), are run whole as before.
//
// Same answers as validateNetwork by construction: an element is checked by the very schema the
// document's array applies to it, the checks across elements are validateNetwork's own
// (crossChecked), a collection that grew or shrank is parsed whole, an element the schema refuses
// is reported with the path and message zod gives inside the document, and anything else — a
// changed name or diagram, another type library — is validated whole.
// test/network-validator.test.ts compares both on random edits.

import type { z } from "zod";
import { resolveElement, type TypeLibrary } from "../types/apply.ts";
import { type EquipmentTypeKind, TYPE_COLLECTIONS } from "../types/schema.ts";
import { type ElementCollection, type NetworkDocument, networkDocumentSchema } from "./document.ts";
import { type DocumentChanges, documentChanges } from "./document-changes.ts";
import type { NetworkIssue } from "./issues.ts";
import { ELEMENT_COLLECTIONS } from "./topology.ts";
import {
  BUILTIN_LIBRARY,
  crossChecked,
  type NetworkValidation,
  type ValidateOptions,
  validateWithTypes,
} from "./validate.ts";

/** Above this many changed elements the whole document is validated (an import, a paste). */
const MAX_CHANGED_ELEMENTS = 500;

const KIND_OF_COLLECTION = new Map<string, EquipmentTypeKind>(
  (Object.entries(TYPE_COLLECTIONS) as Array<[EquipmentTypeKind, string]>).map(([kind, c]) => [c, kind]),
);
/** validateNetwork reports unknown types collection by collection in this order, then by index. */
const TYPE_ORDER = new Map<string, number>(Object.values(TYPE_COLLECTIONS).map((c, i) => [c, i]));

function byDocumentOrder(a: NetworkIssue, b: NetworkIssue): number {
  const [ca, ia] = a.path;
  const [cb, ib] = b.path;
  return (TYPE_ORDER.get(String(ca)) ?? 0) - (TYPE_ORDER.get(String(cb)) ?? 0) || Number(ia) - Number(ib);
}

const elementSchema = (collection: ElementCollection) =>
  networkDocumentSchema.shape[collection].unwrap().element as z.ZodType;

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value);

interface Checked {
  input: Row;
  types: TypeLibrary;
  unknownTypes: ValidateOptions["unknownTypes"];
  /** Its document is defined: every element passed the schema. */
  validation: NetworkValidation & { document: NetworkDocument };
  unresolved: NetworkIssue[];
}

/** validateNetwork for one document after another, remembering the last one that parsed. */
export class NetworkValidator {
  #last: Checked | undefined;

  validate(
    input: unknown,
    types: TypeLibrary = BUILTIN_LIBRARY,
    options: ValidateOptions = {},
  ): NetworkValidation {
    const changes = this.#changes(input, types, options);
    if (changes && this.#last && changes.elements.length === 0 && changes.collections.length === 0)
      return this.#last.validation;
    if (changes) {
      const validation = this.#revalidate(input as Row, changes, types, options);
      if (validation) return validation;
    }
    const { validation, unresolved } = validateWithTypes(input, types, options);
    this.#remember(input, types, options, validation, unresolved);
    return validation;
  }

  #remember(
    input: unknown,
    types: TypeLibrary,
    options: ValidateOptions,
    validation: NetworkValidation,
    unresolved: NetworkIssue[],
  ) {
    const { document } = validation;
    this.#last =
      isRow(input) && document !== undefined
        ? {
            input,
            types,
            unknownTypes: options.unknownTypes,
            validation: { ...validation, document },
            unresolved,
          }
        : undefined;
  }

  /** What differs from the last parsed document; undefined: validate whole. */
  #changes(input: unknown, types: TypeLibrary, options: ValidateOptions): DocumentChanges | undefined {
    const last = this.#last;
    if (!last || !isRow(input) || types !== last.types || options.unknownTypes !== last.unknownTypes)
      return undefined;
    const changes = documentChanges(last.input, input);
    return changes.fields.length > 0 || changes.elements.length > MAX_CHANGED_ELEMENTS ? undefined : changes;
  }

  /**
   * The last validation with the changes parsed again; undefined where validateNetwork must
   * answer (an unknown type where those are errors). A changed element the schema refuses gives
   * validateNetwork's refusal (the last document's other elements all passed), and the last
   * parsed document stays the one the next is compared with.
   */
  #revalidate(
    input: Row,
    changes: DocumentChanges,
    types: TypeLibrary,
    options: ValidateOptions,
  ): NetworkValidation | undefined {
    const last = this.#last as Checked;
    const doc: Record<string, unknown> = { ...last.validation.document };
    let unresolved = last.unresolved;
    const refusals: NetworkIssue[] = [];
    const rowsOf = (collection: ElementCollection) => input[collection] as unknown[];
    /** Element `index` of `collection` resolved and parsed into `into`; false when it has an unknown type that is an error. */
    const parse = (collection: ElementCollection, index: number, into: unknown[]) => {
      let row = rowsOf(collection)[index];
      const kind = KIND_OF_COLLECTION.get(collection);
      if (kind) {
        const resolved = resolveElement(kind, collection, row, index, types);
        if (resolved.unresolved) {
          if (options.unknownTypes === "error") return false;
          unresolved.push(resolved.unresolved);
        }
        row = resolved.row;
      }
      const parsed = elementSchema(collection).safeParse(row);
      if (parsed.success) into[index] = parsed.data;
      else
        for (const issue of parsed.error.issues)
          refusals.push({
            path: [
              collection,
              index,
              ...issue.path.map((key) => (typeof key === "number" ? key : String(key))),
            ],
            message: issue.message,
          });
      return true;
    };
    const whole = new Set(changes.collections);
    const elements = changes.elements.filter(([c]) => !whole.has(c));
    unresolved = unresolved.filter(
      ({ path: [c, i] }) =>
        !whole.has(c as ElementCollection) && !elements.some(([ec, ei]) => ec === c && ei === i),
    );
    // In the schema's order (collections as in the document, then by index), as zod reports.
    for (const collection of ELEMENT_COLLECTIONS) {
      if (whole.has(collection)) {
        const rows = new Array<unknown>(rowsOf(collection).length);
        for (let i = 0; i < rows.length; i++) if (!parse(collection, i, rows)) return undefined;
        doc[collection] = rows;
        continue;
      }
      for (const [c, index] of elements) {
        if (c !== collection) continue;
        // Each changed collection is copied once: the last validation's document stays as it was.
        if (doc[c] === last.validation.document[c]) doc[c] = [...(doc[c] as unknown[])];
        if (!parse(c, index, doc[c] as unknown[])) return undefined;
      }
    }
    unresolved.sort(byDocumentOrder);
    if (refusals.length > 0)
      return { ok: false, document: undefined, errors: [...unresolved, ...refusals], warnings: [] };
    const validation = crossChecked(doc as NetworkDocument, unresolved);
    this.#remember(input, types, options, validation, unresolved);
    return validation;
  }
}
