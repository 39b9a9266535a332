import { FIELD_SPECS, fieldRange, typeOverrides } from "@ampflux/contracts";
import { useState } from "react";
import { useSession } from "../../auth/useSession.ts";
import { useEditor } from "../EditorContext.tsx";
import { KINDS } from "../model/catalog.ts";
import type { Located } from "../model/document.ts";
import { useEditorActions } from "../useEditorActions.ts";
import { ArcFlashFields } from "./ArcFlashFields.tsx";
import { idRefusal } from "./id-refusal.ts";
import { issuesOf } from "./issues.ts";
import { missingRatings } from "./missing-ratings.ts";
import { PropertyField } from "./PropertyField.tsx";
import { ProtectionFields } from "./ProtectionFields.tsx";
import { SaveTypeForm } from "./SaveTypeForm.tsx";
import { TypePicker, typeKindOf } from "./TypePicker.tsx";

/** The selected element's fields with units, validation messages next to each. */
export function ElementProperties({ located }: { located: Located }) {
  const { doc, validation, canEdit, types } = useEditor();
  const actions = useEditorActions();
  const { collection, index, element } = located;
  const issues = issuesOf(validation, doc, collection, index);
  const typeKind = typeKindOf(collection);
  const overridden = new Set(typeKind ? typeOverrides(typeKind, element, types.library) : []);
  const type =
    typeKind && typeof element.type === "string" ? types.library.get(typeKind, element.type) : undefined;
  // A typed element's unset fields take the type's values on validation: not missing, shown as inherited.
  const isCompanyAdmin = useSession().data?.user.role === "company_admin";
  const missing = missingRatings(collection, { ...type?.values, ...element });
  return (
    <div className="panel-body" data-testid="properties">
      <header className="props-header">
        <span className="kind">{KINDS[collection].label}</span>
        <IdField id={element.id} disabled={!canEdit} onRename={(to) => actions.rename(element.id, to)} />
        {issues.errors.get("id")?.map((m) => (
          <span key={m} className="field-error">
            {m}
          </span>
        ))}
      </header>
      {issues.general.map((m) => (
        <p key={m} className="field-error">
          {m}
        </p>
      ))}
      <div className="props-grid">
        {typeKind && (
          <TypePicker
            kind={typeKind}
            element={element}
            library={types.library}
            errors={issues.errors.get("type") ?? []}
            warnings={issues.warnings.get("type") ?? []}
            disabled={!canEdit}
            onPick={(picked) =>
              actions.setFields(
                element.id,
                picked ? { ...picked.values, type: picked.id } : { type: undefined },
              )
            }
          />
        )}
        {FIELD_SPECS[collection].map((spec) =>
          spec.kind === "object" ? (
            <ObjectField
              key={`${element.id}.${spec.key}`}
              fieldKey={spec.key}
              element={element}
              index={index}
            />
          ) : (
            <PropertyField
              key={`${element.id}.${spec.key}`}
              spec={spec}
              element={element}
              doc={doc}
              errors={issues.errors.get(spec.key) ?? []}
              warnings={issues.warnings.get(spec.key) ?? []}
              typeValue={overridden.has(spec.key) ? type?.values[spec.key] : undefined}
              inherited={element[spec.key] === undefined ? type?.values[spec.key] : undefined}
              missing={missing.has(spec.key)}
              range={fieldRange(collection, spec.key)}
              disabled={!canEdit}
              onChange={(value) => actions.setField(element.id, spec.key, value)}
            />
          ),
        )}
      </div>
      {typeKind && canEdit && isCompanyAdmin && (
        <SaveTypeForm
          kind={typeKind}
          element={element}
          onSaved={(typeId) => actions.setFields(element.id, { type: typeId })}
        />
      )}
      {canEdit && (
        <button type="button" className="danger small" onClick={() => actions.remove([element.id])}>
          Delete {element.id}
        </button>
      )}
    </div>
  );
}

/** An object-valued field's own fields: a bus's arc_flash, a switch's protection. */
function ObjectField({
  fieldKey,
  element,
  index,
}: {
  fieldKey: string;
  element: Located["element"];
  index: number;
}) {
  if (fieldKey === "arc_flash") return <ArcFlashFields element={element} index={index} />;
  if (fieldKey === "protection") return <ProtectionFields element={element} index={index} />;
  throw new Error(`no fields for ${fieldKey}`);
}

/**
 * The id, renamed on Enter or blur (every reference follows). An empty, taken or too long id is
 * refused with the reason, the text kept for correcting; Escape goes back to the current id.
 */
function IdField({ id, disabled, onRename }: { id: string; disabled: boolean; onRename(to: string): void }) {
  const { doc } = useEditor();
  const [text, setText] = useState(id);
  const refusal = idRefusal(doc, id, text);
  const commit = () => {
    const to = text.trim();
    if (!refusal && to !== id) onRename(to);
  };
  return (
    <>
      <input
        className="id-input"
        aria-label="Element id"
        aria-invalid={refusal !== null}
        aria-describedby={refusal ? "id-refusal" : undefined}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setText(id);
        }}
      />
      {refusal && (
        <span className="field-error" id="id-refusal" role="alert" data-testid="id-refusal">
          Not renamed: {refusal}
        </span>
      )}
    </>
  );
}
