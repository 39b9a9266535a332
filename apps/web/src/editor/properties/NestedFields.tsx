import type { FieldSpec } from "@ampflux/contracts";
import { useEditor } from "../EditorContext.tsx";
import type { Element } from "../model/document.ts";
import { useEditorActions } from "../useEditorActions.ts";
import { FieldMessages } from "./FieldMessages.tsx";
import { changeAt, flatView, type NestedIssues, nestedIssues } from "./nested.ts";
import { PropertyField } from "./PropertyField.tsx";

export interface NestedFieldsContext {
  element: Element;
  issues: NestedIssues;
  disabled: boolean;
  /** Stores `value` at a dotted key ("arc_flash.gap_mm") of the element. */
  change(key: string, value: unknown): void;
}

/**
 * The messages and a setter for an object-valued field of the selected element: what its
 * sub-fields (rendered by the caller) need.
 */
export function useNestedFields(
  element: Element,
  collection: string,
  index: number,
  field: string,
  keys: readonly string[],
): NestedFieldsContext {
  const { validation, canEdit } = useEditor();
  const actions = useEditorActions();
  return {
    element,
    issues: nestedIssues(validation, collection, index, field, keys),
    disabled: !canEdit,
    change(key, value) {
      const next = changeAt(element, key, value);
      actions.setField(element.id, next.field, next.value);
    },
  };
}

/** The panel's ordinary fields for dotted keys, each with its messages and, when unset, what it means. */
export function NestedFields({
  context,
  specs,
  unsetTexts = new Map(),
}: {
  context: NestedFieldsContext;
  specs: FieldSpec[];
  unsetTexts?: Map<string, string>;
}) {
  const { doc } = useEditor();
  const view = flatView(
    context.element,
    specs.map((s) => s.key),
  );
  return (
    <>
      {specs.map((spec) => (
        <PropertyField
          key={`${context.element.id}.${spec.key}`}
          spec={spec}
          element={view}
          doc={doc}
          errors={context.issues.errors.get(spec.key) ?? []}
          warnings={context.issues.warnings.get(spec.key) ?? []}
          unsetText={unsetTexts.get(spec.key)}
          disabled={context.disabled}
          onChange={(value) => context.change(spec.key, value)}
        />
      ))}
    </>
  );
}

/** The object's heading with what is said of it as a whole. */
export function NestedHeading({ label, context }: { label: string; context: NestedFieldsContext }) {
  return (
    <>
      <h4 className="props-section">{label}</h4>
      {context.issues.general.length > 0 && (
        <div className="prop prop-wide">
          <FieldMessages errors={context.issues.general} warnings={[]} />
        </div>
      )}
    </>
  );
}
