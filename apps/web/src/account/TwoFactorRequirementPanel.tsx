import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/useSession.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";

/** Company admins: require two-factor authentication of every user of the company. */
export function TwoFactorRequirementPanel() {
  const queryClient = useQueryClient();
  const session = useSession();
  const set = useMutation(
    trpc.twoFactor.setCompanyRequirement.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    }),
  );
  const required = session.data?.company.requireTwoFactor ?? false;
  return (
    <section className="card stack" aria-labelledby="two-factor-requirement">
      <h2 id="two-factor-requirement">Two-factor authentication</h2>
      <p className="muted">
        {required
          ? "Required: users without it can only set it up until they do."
          : "Optional for the company's users."}
      </p>
      <ErrorMessage error={set.error} />
      <button type="button" onClick={() => set.mutate({ required: !required })} disabled={set.isPending}>
        {required ? "Stop requiring two-factor" : "Require two-factor for everyone"}
      </button>
    </section>
  );
}
