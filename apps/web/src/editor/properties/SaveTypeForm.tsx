import { type EquipmentTypeInput, type EquipmentTypeKind, TYPE_FIELDS } from "@ampflux/contracts";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage, fieldError } from "../../lib/errors.ts";
import { queryClient, trpc } from "../../trpc.ts";
import type { Element } from "../model/document.ts";

/** The element's values a type of `kind` may hold (TYPE_FIELDS): what "save as type" keeps. */
export function typeValuesOf(kind: EquipmentTypeKind, element: Element): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of TYPE_FIELDS[kind]) if (element[field] !== undefined) values[field] = element[field];
  return values;
}

/**
 * A company admin saves the selected element's physical values as a company type, and the
 * element then references it. The api checks the values and the name (unique per kind).
 */
export function SaveTypeForm({
  kind,
  element,
  onSaved,
}: {
  kind: EquipmentTypeKind;
  element: Element;
  onSaved(typeId: string): void;
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [source, setSource] = useState("");
  const create = useMutation(
    trpc.types.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.types.list.queryKey() });
        setName("");
        setSource("");
        onSaved(created.id);
      },
    }),
  );
  const nameError = fieldError(create.error, "name");
  return (
    <details className="save-type">
      <summary className="small">Save as company type…</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ kind, name, source, values: typeValuesOf(kind, element) } as EquipmentTypeInput);
        }}
      >
        <div className={`prop${nameError ? " invalid" : ""}`}>
          <label htmlFor={`${id}-name`}>Type name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
          {nameError && (
            <span className="field-error prop-messages" role="alert">
              {nameError}
            </span>
          )}
        </div>
        <div className="prop">
          <label htmlFor={`${id}-source`}>Source</label>
          <input
            id={`${id}-source`}
            value={source}
            placeholder="datasheet, standard clause…"
            onChange={(e) => setSource(e.target.value)}
          />
        </div>
        {create.error && !nameError && (
          <p className="field-error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        <button type="submit" className="small" disabled={create.isPending}>
          Save type
        </button>
      </form>
    </details>
  );
}
