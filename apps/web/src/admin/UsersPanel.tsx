import { type CompanyRole, companyRoleSchema } from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "../auth/useSession.ts";
import { formatDate } from "../lib/format.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { InviteUserForm } from "./InviteUserForm.tsx";
import { UserSessionsDialog } from "./UserSessionsDialog.tsx";

const roleLabel: Record<CompanyRole, string> = { company_admin: "admin", user: "user" };

/** The company's users and pending invitations: invite, change role, deactivate. */
export function UsersPanel() {
  const me = useSession().data?.user;
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const changeRole = useMutation(trpc.users.changeRole.mutationOptions({ onSuccess: refresh }));
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions({ onSuccess: refresh }));
  const [sessionsOf, setSessionsOf] = useState<{ id: string; name: string } | null>(null);
  return (
    <section className="card stack" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <InviteUserForm onInvited={refresh} />
      <ErrorMessage error={changeRole.error ?? deactivate.error} />
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorMessage error={users.error} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((u) => (
              <tr key={u.id} className={u.active ? undefined : "inactive"}>
                <td>
                  {u.name}
                  {u.id === me?.id && <span className="muted"> (you)</span>}
                </td>
                <td>{u.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${u.name}`}
                    value={u.role}
                    disabled={!u.active}
                    onChange={(e) => changeRole.mutate({ userId: u.id, role: e.target.value as CompanyRole })}
                  >
                    {companyRoleSchema.options.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{u.active ? "active" : "deactivated"}</td>
                <td>
                  {u.active && (
                    <button type="button" className="small" onClick={() => setSessionsOf(u)}>
                      Sessions
                    </button>
                  )}{" "}
                  {u.active && (
                    <button
                      type="button"
                      className="danger small"
                      onClick={() => {
                        if (window.confirm(`Deactivate ${u.name}? Their sessions and API keys stop at once.`))
                          deactivate.mutate({ userId: u.id });
                      }}
                    >
                      Deactivate
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {users.data.invitations.map((i) => (
              <tr key={i.id} className="pending">
                <td className="muted">invited</td>
                <td>{i.email}</td>
                <td>{roleLabel[i.role]}</td>
                <td>pending until {formatDate(i.expiresAt)}</td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <UserSessionsDialog user={sessionsOf} onClose={() => setSessionsOf(null)} />
    </section>
  );
}
