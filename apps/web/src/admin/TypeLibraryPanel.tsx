import { EQUIPMENT_TYPE_KINDS, type EquipmentType } from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage, fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

/** A type's values in one line: "breaking_ka 40, making_ka 100, …". */
const valuesText = (type: EquipmentType) =>
  Object.entries(type.values)
    .map(([field, value]) => `${field} ${String(value)}`)
    .join(", ");

/**
 * The company's own equipment types (engineers create them from an element with "Save as company
 * type"): rename, change the source, delete. Saved versions keep the values they were saved with,
 * so editing or deleting a type changes no stored network.
 */
export function TypeLibraryPanel() {
  const queryClient = useQueryClient();
  const list = useQuery(trpc.types.list.queryOptions({}));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.types.list.queryKey() });
  const remove = useMutation(trpc.types.delete.mutationOptions({ onSuccess: refresh }));
  const company = list.data?.filter((t) => !t.builtin) ?? [];
  const builtinCount = (list.data?.length ?? 0) - company.length;
  return (
    <section className="card stack" aria-labelledby="types-title" data-testid="type-library">
      <h2 id="types-title">Type library</h2>
      <p className="muted small">
        {builtinCount} built-in types (pandapower standard types, IEC preferred switchgear ratings) are always
        offered. Company types are created from an element in the editor.
      </p>
      <ErrorMessage error={remove.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : company.length === 0 ? (
        <p className="muted">No company types yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Kind</th>
              <th>Name and source</th>
              <th>Values</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {EQUIPMENT_TYPE_KINDS.flatMap((kind) => company.filter((t) => t.kind === kind)).map((type) => (
              <TypeRow
                key={type.id}
                type={type}
                onChanged={refresh}
                onDelete={() => remove.mutate({ id: type.id })}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TypeRow({
  type,
  onChanged,
  onDelete,
}: {
  type: EquipmentType;
  onChanged(): void;
  onDelete(): void;
}) {
  const id = useId();
  const [name, setName] = useState(type.name);
  const [source, setSource] = useState(type.source);
  const update = useMutation(trpc.types.update.mutationOptions({ onSuccess: onChanged }));
  const changed = name !== type.name || source !== type.source;
  const nameError = fieldError(update.error, "type") ?? fieldError(update.error, "name");
  return (
    <tr data-type={type.name}>
      <td>{type.kind}</td>
      <td>
        <input
          aria-label={`Name of ${type.name}`}
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          aria-label={`Source of ${type.name}`}
          value={source}
          placeholder="source"
          onChange={(e) => setSource(e.target.value)}
        />
        {(nameError || update.error) && (
          <span className="field-error" role="alert">
            {nameError ?? errorMessage(update.error)}
          </span>
        )}
      </td>
      <td className="small">{valuesText(type)}</td>
      <td>
        <button
          type="button"
          className="small"
          disabled={!changed || update.isPending}
          onClick={() =>
            update.mutate({
              id: type.id,
              type: { kind: type.kind, name, source, values: type.values },
            } as Parameters<typeof update.mutate>[0])
          }
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
