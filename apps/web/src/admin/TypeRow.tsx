import type { EquipmentType, EquipmentTypeInput } from "@ampflux/contracts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { TypeValuesFields } from "./TypeValuesFields.tsx";
import { draftMessages, mergeMessages, serverMessages, typeFields } from "./type-fields.ts";

/** A type's values in one line: "breaking_ka 40, making_ka 100, …". */
const valuesText = (values: Record<string, unknown>) =>
  Object.entries(values)
    .map(([field, value]) => `${field} ${String(value)}`)
    .join(", ");

const sameValues = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * One company type: its name, source and values edited in place and saved together through
 * types.update (its kind stays: elements reference it as that kind). Messages from the contract's
 * schema show beside their field while typing; the api's refusals (a name already taken) too.
 */
export function TypeRow({
  type,
  onChanged,
  onDelete,
}: {
  type: EquipmentType;
  onChanged(): void;
  onDelete(): void;
}) {
  const [name, setName] = useState(type.name);
  const [source, setSource] = useState(type.source);
  const [values, setValues] = useState(type.values);
  const update = useMutation(trpc.types.update.mutationOptions({ onSuccess: onChanged }));
  const draft = { kind: type.kind, name, source, values };
  const messages = mergeMessages(draftMessages(draft), serverMessages(update.error, ["type"]));
  const shownFields = new Set(["name", "source", ...typeFields(type.kind).map((f) => f.spec.key)]);
  const otherMessages = [...messages].filter(([field]) => !shownFields.has(field)).flatMap(([, m]) => m);
  const nameMessages = [...(messages.get("name") ?? []), ...(messages.get("source") ?? [])];
  const general =
    otherMessages.length > 0
      ? otherMessages.join("; ")
      : update.error && messages.size === 0
        ? errorMessage(update.error)
        : "";
  const changed = name !== type.name || source !== type.source || !sameValues(values, type.values);
  const edit = (apply: () => void) => {
    update.reset();
    apply();
  };
  return (
    <tr data-type={type.name}>
      <td>{type.kind}</td>
      <td>
        <input
          aria-label={`Name of ${type.name}`}
          aria-invalid={messages.has("name") || undefined}
          value={name}
          onChange={(e) => edit(() => setName(e.target.value))}
        />
        <input
          aria-label={`Source of ${type.name}`}
          value={source}
          placeholder="source"
          onChange={(e) => edit(() => setSource(e.target.value))}
        />
        {nameMessages.map((m) => (
          <span key={m} className="field-error" role="alert">
            {m}
          </span>
        ))}
        {general && (
          <span className="field-error" role="alert">
            {general}
          </span>
        )}
      </td>
      <td className="small">
        <span data-testid="type-values">{valuesText(type.values)}</span>
        <details className="type-values-editor">
          <summary>Edit values</summary>
          <TypeValuesFields
            kind={type.kind}
            values={values}
            messages={messages}
            onChange={(next) => edit(() => setValues(next))}
          />
        </details>
      </td>
      <td>
        <button
          type="button"
          className="small"
          disabled={!changed || messages.size > 0 || update.isPending}
          onClick={() => update.mutate({ id: type.id, type: draft as EquipmentTypeInput })}
        >
          Save
        </button>
        <button type="button" className="small danger" onClick={onDelete}>
          Delete
        </button>
      </td>
    </tr>
  );
}
