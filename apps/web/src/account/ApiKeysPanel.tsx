import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatDate } from "../lib/format.ts";
import { trpc } from "../trpc.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { CreateApiKeyForm } from "./CreateApiKeyForm.tsx";

/** Keys for scripts and the CLI (Authorization: Bearer …); revoking takes effect at once. */
export function ApiKeysPanel() {
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  return (
    <section className="card stack" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <CreateApiKeyForm onCreated={refresh} />
      <ErrorMessage error={revoke.error} />
      {keys.isPending ? (
        <Loading />
      ) : keys.isError ? (
        <ErrorMessage error={keys.error} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys" />
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Last used</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => {
              const expired = key.expiresAt !== null && new Date(key.expiresAt) < new Date();
              return (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{formatDate(key.lastUsedAt)}</td>
                  <td>
                    {key.revokedAt
                      ? "revoked"
                      : expired
                        ? "expired"
                        : key.expiresAt
                          ? `until ${formatDate(key.expiresAt)}`
                          : "active"}
                  </td>
                  <td>
                    {!key.revokedAt && (
                      <button
                        type="button"
                        className="danger small"
                        onClick={() => revoke.mutate({ id: key.id })}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
