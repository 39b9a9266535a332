import {
  type ElementCollection,
  type EquipmentType,
  type EquipmentTypeKind,
  TYPE_COLLECTIONS,
  type TypeLibrary,
} from "@ampflux/contracts";
import { useId } from "react";
import type { Element } from "../model/document.ts";
import { FieldMessages } from "./FieldMessages.tsx";

/** The type kind whose elements live in `collection`, if elements there may have a type. */
export function typeKindOf(collection: ElementCollection): EquipmentTypeKind | undefined {
  const entry = Object.entries(TYPE_COLLECTIONS).find(([, c]) => c === collection);
  return entry?.[0] as EquipmentTypeKind | undefined;
}

interface Props {
  kind: EquipmentTypeKind;
  element: Element;
  library: TypeLibrary;
  errors: string[];
  /** E.g. a reference this library does not know, on an element complete without it. */
  warnings: string[];
  disabled: boolean;
  /** A type to apply (its values are copied in and `type` set), or undefined to drop the reference. */
  onPick(type: EquipmentType | undefined): void;
}

/**
 * Picks a type from the library (company types first, then built-ins). Picking copies the type's
 * values into the element, so a stored document is complete without the library; "no type" keeps
 * the values and drops the reference.
 */
export function TypePicker({ kind, element, library, errors, warnings, disabled, onPick }: Props) {
  const id = useId();
  const types = library.list(kind);
  const company = types.filter((t) => !t.builtin);
  const builtin = types.filter((t) => t.builtin);
  const current = typeof element.type === "string" ? element.type : "";
  const picked = current ? library.get(kind, current) : undefined;
  const option = (t: EquipmentType) => (
    <option key={t.id} value={t.id}>
      {t.name}
    </option>
  );
  return (
    <div className={`prop type-picker${errors.length ? " invalid" : warnings.length ? " warned" : ""}`}>
      <label htmlFor={id}>Type</label>
      <div className="prop-input">
        <select
          id={id}
          data-field="type"
          disabled={disabled}
          aria-invalid={errors.length > 0 || undefined}
          value={current}
          onChange={(e) => onPick(e.target.value ? library.get(kind, e.target.value) : undefined)}
        >
          <option value="">no type</option>
          {current && !picked && <option value={current}>{current} (unknown)</option>}
          {company.length > 0 && <optgroup label="Company types">{company.map(option)}</optgroup>}
          <optgroup label="Built-in types">{builtin.map(option)}</optgroup>
        </select>
      </div>
      <FieldMessages errors={errors} warnings={warnings}>
        {picked?.source && <span className="hint">Source: {picked.source}</span>}
      </FieldMessages>
    </div>
  );
}
