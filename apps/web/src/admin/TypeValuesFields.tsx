import type { EquipmentTypeKind } from "@ampflux/contracts";
import { emptyDocument } from "../editor/model/document.ts";
import { PropertyField } from "../editor/properties/PropertyField.tsx";
import { type TypeMessages, typeFields } from "./type-fields.ts";

/** Type fields never reference buses or elements, so the fields need no network to list them from. */
const NO_NETWORK = emptyDocument("type library");

/**
 * A type's values with the properties panel's fields (labels, units, hints), messages beside each.
 * An emptied field is removed: the type then leaves it to its elements.
 */
export function TypeValuesFields({
  kind,
  values,
  messages,
  disabled = false,
  onChange,
}: {
  kind: EquipmentTypeKind;
  values: Record<string, unknown>;
  messages: TypeMessages;
  disabled?: boolean;
  onChange(values: Record<string, unknown>): void;
}) {
  const fields = typeFields(kind);
  // Yes/no values are shown as the choice "true"/"false" (unset is the third choice).
  const shown: Record<string, unknown> = { id: kind };
  for (const [field, value] of Object.entries(values))
    shown[field] = typeof value === "boolean" ? String(value) : value;
  return (
    <div className="props-grid type-values">
      {fields.map(({ spec, boolean }) => (
        <PropertyField
          key={spec.key}
          spec={spec}
          element={shown as { id: string }}
          doc={NO_NETWORK}
          errors={messages.get(spec.key) ?? []}
          warnings={[]}
          disabled={disabled}
          onChange={(value) => {
            const next = { ...values };
            if (value === undefined) delete next[spec.key];
            else next[spec.key] = boolean ? value === "true" : value;
            onChange(next);
          }}
        />
      ))}
    </div>
  );
}
