import { type CompanyRole, companyRoleSchema } from "@ampflux/contracts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

/** Creates an invitation and shows its sign-up link once (AmpFlux sends no email itself). */
export function InviteUserForm({ onInvited }: { onInvited(): void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<CompanyRole>("user");
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: () => {
        setEmail("");
        onInvited();
      },
    }),
  );
  const link = invite.data
    ? `${window.location.origin}/signup?invite=${encodeURIComponent(invite.data.token)}`
    : "";
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate({ email, role });
      }}
    >
      <div className="row">
        <Field
          label="Invite by email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(invite.error, "email")}
        />
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as CompanyRole)}>
            {companyRoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {r === "company_admin" ? "admin" : "user"}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="align-end" disabled={invite.isPending}>
          Invite
        </button>
      </div>
      <ErrorMessage error={invite.error} />
      {invite.data && (
        <div className="secret" role="status">
          <p>
            Send this sign-up link to <strong>{invite.data.email}</strong> (valid 7 days, shown only once):
          </p>
          <code>{link}</code>
        </div>
      )}
    </form>
  );
}
