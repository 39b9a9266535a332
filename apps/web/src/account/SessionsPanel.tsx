import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { SessionsTable } from "./SessionsTable.tsx";

/** Where the account is logged in; any session can be ended, or all but this browser's. */
export function SessionsPanel() {
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
  // Ending this browser's own session logs it out: start again from a clean slate.
  const afterRevoke = async (_: unknown, input: { sessionId: string }) => {
    const own = sessions.data?.find((s) => s.id === input.sessionId)?.current;
    if (own) await queryClient.resetQueries();
    else await refresh();
  };
  const revoke = useMutation(trpc.account.revokeSession.mutationOptions({ onSuccess: afterRevoke }));
  const revokeOthers = useMutation(trpc.account.revokeOtherSessions.mutationOptions({ onSuccess: refresh }));
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;
  return (
    <section className="card stack" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <ErrorMessage error={revoke.error ?? revokeOthers.error} />
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorMessage error={sessions.error} />
      ) : (
        <SessionsTable
          sessions={sessions.data}
          busy={revoke.isPending}
          onRevoke={(session) => revoke.mutate({ sessionId: session.id })}
        />
      )}
      {revokeOthers.isSuccess && (
        <p className="success" role="status">
          {revokeOthers.data.ended} other session(s) logged out.
        </p>
      )}
      <button
        type="button"
        disabled={others === 0 || revokeOthers.isPending}
        onClick={() => revokeOthers.mutate()}
      >
        Log out all other sessions
      </button>
    </section>
  );
}
