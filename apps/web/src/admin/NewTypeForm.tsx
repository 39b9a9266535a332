import { EQUIPMENT_TYPE_KINDS, type EquipmentTypeInput, type EquipmentTypeKind } from "@ampflux/contracts";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FieldMessages } from "../editor/properties/FieldMessages.tsx";
import { errorMessage } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { TypeValuesFields } from "./TypeValuesFields.tsx";
import { draftMessages, mergeMessages, serverMessages, typeFields } from "./type-fields.ts";

/**
 * A company admin creates a type from scratch (engineers can also save one from an element in the
 * editor): kind, name, source and values, checked with the contract's schema as they are typed and
 * by types.create when saved.
 */
export function NewTypeForm({ onCreated }: { onCreated(): void }) {
  const id = useId();
  const [kind, setKind] = useState<EquipmentTypeKind>("switch");
  const [name, setName] = useState("");
  const [source, setSource] = useState("");
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [touched, setTouched] = useState(false);
  const create = useMutation(
    trpc.types.create.mutationOptions({
      onSuccess: () => {
        setName("");
        setSource("");
        setValues({});
        setTouched(false);
        onCreated();
      },
    }),
  );
  const draft = { kind, name, source, values };
  // An empty form is not yet wrong: the name's message waits for the first edit.
  const messages = mergeMessages(
    touched ? draftMessages(draft) : new Map(),
    serverMessages(create.error, []),
  );
  const shownFields = new Set(["name", "source", ...typeFields(kind).map((f) => f.spec.key)]);
  const other = [...messages].filter(([field]) => !shownFields.has(field)).flatMap(([, m]) => m);
  const general =
    other.length > 0
      ? other.join("; ")
      : create.error && messages.size === 0
        ? errorMessage(create.error)
        : "";
  const edit = (apply: () => void) => {
    create.reset();
    setTouched(true);
    apply();
  };
  const textField = (field: "name" | "source", label: string, value: string, set: (v: string) => void) => (
    <div className={`prop${messages.has(field) ? " invalid" : ""}`}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <div className="prop-input">
        <input
          id={`${id}-${field}`}
          value={value}
          aria-invalid={messages.has(field) || undefined}
          placeholder={field === "source" ? "datasheet, standard clause…" : undefined}
          onChange={(e) => edit(() => set(e.target.value))}
        />
      </div>
      {messages.has(field) && <FieldMessages errors={messages.get(field) ?? []} warnings={[]} />}
    </div>
  );
  return (
    <details className="new-type" data-testid="new-type">
      <summary>New company type…</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (draftMessages(draft).size === 0) create.mutate(draft as EquipmentTypeInput);
        }}
      >
        <div className="props-grid">
          <div className="prop">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <div className="prop-input">
              <select
                id={`${id}-kind`}
                value={kind}
                onChange={(e) =>
                  edit(() => {
                    // Each kind has its own fields: values of another kind do not carry over.
                    setKind(e.target.value as EquipmentTypeKind);
                    setValues({});
                  })
                }
              >
                {EQUIPMENT_TYPE_KINDS.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            </div>
          </div>
          {textField("name", "Type name", name, setName)}
          {textField("source", "Source", source, setSource)}
        </div>
        <TypeValuesFields
          kind={kind}
          values={values}
          messages={messages}
          onChange={(v) => edit(() => setValues(v))}
        />
        {general && (
          <p className="field-error" role="alert">
            {general}
          </p>
        )}
        <button type="submit" className="small" disabled={create.isPending || (touched && messages.size > 0)}>
          Create type
        </button>
      </form>
    </details>
  );
}
