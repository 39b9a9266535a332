import { EQUIPMENT_TYPE_KINDS } from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { NewTypeForm } from "./NewTypeForm.tsx";
import { TypeRow } from "./TypeRow.tsx";

/**
 * The company's own equipment types (created here from scratch, or from an element in the editor
 * with "Save as company type"): rename, change the source and values, delete. Saved versions keep
 * the values they were saved with, so editing or deleting a type changes no stored network.
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
        offered. Company types are created here or from an element in the editor.
      </p>
      <NewTypeForm onCreated={refresh} />
      <ErrorMessage error={remove.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : company.length === 0 ? (
        <p className="muted">No company types yet.</p>
      ) : (
        <table className="type-table">
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
