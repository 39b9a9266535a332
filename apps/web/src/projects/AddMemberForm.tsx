import { type ProjectRole, projectRoleSchema } from "@ampflux/contracts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "../auth/useSession.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";

/**
 * Adds a colleague. Company admins pick from the company's users; others paste the user id
 * (the users list is an admin procedure).
 */
export function AddMemberForm({ projectId, onAdded }: { projectId: string; onAdded(): void }) {
  const session = useSession();
  const isAdmin = session.data?.user.role === "company_admin";
  // Always fresh: a colleague who has just accepted an invitation must be in the list.
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: isAdmin, staleTime: 0 });
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<ProjectRole>("editor");
  const add = useMutation(
    trpc.projects.members.set.mutationOptions({
      onSuccess: () => {
        setUserId("");
        onAdded();
      },
    }),
  );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ projectId, userId, role });
      }}
    >
      <h3>Add a member</h3>
      {isAdmin ? (
        <select aria-label="User" required value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">Choose a user…</option>
          {users.data?.users
            .filter((u) => u.active)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
        </select>
      ) : (
        <input
          aria-label="User id"
          placeholder="User id"
          required
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
        />
      )}
      <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as ProjectRole)}>
        {projectRoleSchema.options.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <button type="submit" disabled={add.isPending || !userId}>
        Add
      </button>
      <ErrorMessage error={add.error} />
    </form>
  );
}
