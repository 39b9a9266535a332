import { type UnverifiedAccess, unverifiedAccessSchema } from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

const LABELS: Record<UnverifiedAccess, string> = {
  full: "Everything, like verified accounts",
  read_only: "Read only (no changes)",
  none: "Nothing but their own account",
};

/** What accounts whose email address is not verified yet may do in the company. */
export function AccountSettingsPanel() {
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.companyAccounts.settings.queryOptions());
  const set = useMutation(
    trpc.companyAccounts.setUnverifiedAccess.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.companyAccounts.settings.queryKey() }),
    }),
  );
  return (
    <section className="card stack" aria-labelledby="account-settings-title">
      <h2 id="account-settings-title">Accounts</h2>
      <ErrorMessage error={set.error} />
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorMessage error={settings.error} />
      ) : (
        <label className="field">
          Users with an unverified email address may do
          <select
            value={settings.data.unverifiedAccess}
            disabled={set.isPending}
            onChange={(e) => set.mutate({ unverifiedAccess: e.target.value as UnverifiedAccess })}
          >
            {unverifiedAccessSchema.options.map((access) => (
              <option key={access} value={access} disabled={access !== "full" && !settings.data.emailEnabled}>
                {LABELS[access]}
              </option>
            ))}
          </select>
          {!settings.data.emailEnabled && (
            <span className="hint">This server sends no email, so nobody could verify: limits are off.</span>
          )}
        </label>
      )}
    </section>
  );
}
