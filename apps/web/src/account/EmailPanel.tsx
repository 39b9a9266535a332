import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "../auth/useSession.ts";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

/** The address: whether it is verified (with a resend button), and a change that waits for the new one's link. */
export function EmailPanel() {
  const user = useSession().data?.user;
  const [newEmail, setNewEmail] = useState("");
  const [currentPassword, setCurrentPassword] = useState("");
  const resend = useMutation(trpc.account.resendVerification.mutationOptions());
  const change = useMutation(
    trpc.account.changeEmail.mutationOptions({
      onSuccess: () => {
        setNewEmail("");
        setCurrentPassword("");
      },
    }),
  );
  if (!user) return null;
  return (
    <section className="card stack" aria-labelledby="email-title">
      <h2 id="email-title">Email address</h2>
      <p>
        <strong>{user.email}</strong>{" "}
        {user.emailVerifiedAt ? <span className="muted">verified</span> : <span>not verified yet</span>}
      </p>
      {!user.emailVerifiedAt && (
        <>
          <p className="muted">
            Open the link we emailed you. Until then your company may limit what this account can do.
          </p>
          <ErrorMessage error={resend.error} />
          {resend.isSuccess && (
            <p className="success" role="status">
              A new link is on its way to {resend.data.email}.
            </p>
          )}
          <button type="button" disabled={resend.isPending} onClick={() => resend.mutate()}>
            Send the link again
          </button>
        </>
      )}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate({ newEmail, currentPassword });
        }}
      >
        <h3>Change the address</h3>
        <Field
          label="New email address"
          type="email"
          autoComplete="email"
          required
          value={newEmail}
          onChange={(e) => setNewEmail(e.target.value)}
          error={fieldError(change.error, "newEmail")}
        />
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          error={fieldError(change.error, "currentPassword")}
        />
        <ErrorMessage error={change.error} />
        {change.isSuccess && (
          <p className="success" role="status">
            We emailed a link to {change.data.pendingEmail}. Your address changes when you open it.
          </p>
        )}
        <button type="submit" disabled={change.isPending}>
          Change email address
        </button>
      </form>
    </section>
  );
}
