import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { SessionsTable } from "../account/SessionsTable.tsx";
import { trpc } from "../trpc.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

/** A user's sessions for a company admin, who can end them all (the user must log in again). */
export function UserSessionsDialog({
  user,
  onClose,
}: {
  user: { id: string; name: string } | null;
  onClose(): void;
}) {
  return (
    <Dialog title={`Sessions of ${user?.name ?? ""}`} open={user !== null} onClose={onClose}>
      {user && <UserSessions userId={user.id} />}
    </Dialog>
  );
}

function UserSessions({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.companyAccounts.userSessions.queryOptions({ userId }));
  const end = useMutation(
    trpc.companyAccounts.endUserSessions.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.companyAccounts.userSessions.queryKey({ userId }) }),
    }),
  );
  return (
    <div className="stack">
      <ErrorMessage error={end.error} />
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorMessage error={sessions.error} />
      ) : (
        <SessionsTable sessions={sessions.data} />
      )}
      {end.isSuccess && (
        <p className="success" role="status">
          Every session was ended.
        </p>
      )}
      <button
        type="button"
        className="danger"
        disabled={end.isPending || !sessions.data?.length}
        onClick={() => end.mutate({ userId })}
      >
        End all sessions
      </button>
    </div>
  );
}
