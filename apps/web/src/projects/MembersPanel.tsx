import { type ProjectRole, projectRoleSchema } from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { AddMemberForm } from "./AddMemberForm.tsx";

/** Who may see (viewer), edit (editor) and manage (owner) the project. */
export function MembersPanel({ projectId, isOwner }: { projectId: string; isOwner: boolean }) {
  const queryClient = useQueryClient();
  const members = useQuery(trpc.projects.members.list.queryOptions({ projectId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.projects.members.list.pathKey() });
  const setRole = useMutation(trpc.projects.members.set.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.projects.members.remove.mutationOptions({ onSuccess: refresh }));
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <ErrorMessage error={setRole.error ?? remove.error} />
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorMessage error={members.error} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              {isOwner && <th aria-label="Actions" />}
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <tr key={m.userId}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {isOwner ? (
                    <select
                      aria-label={`Role of ${m.name}`}
                      value={m.role}
                      onChange={(e) =>
                        setRole.mutate({ projectId, userId: m.userId, role: e.target.value as ProjectRole })
                      }
                    >
                      {projectRoleSchema.options.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  ) : (
                    m.role
                  )}
                </td>
                {isOwner && (
                  <td>
                    <button
                      type="button"
                      className="danger small"
                      onClick={() => remove.mutate({ projectId, userId: m.userId })}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isOwner && <AddMemberForm projectId={projectId} onAdded={refresh} />}
    </section>
  );
}
