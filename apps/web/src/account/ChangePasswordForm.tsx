import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

/** Changing the password ends every other session; this browser stays logged in. */
export function ChangePasswordForm() {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent("");
        setNew("");
      },
    }),
  );
  return (
    <form
      className="card stack"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ currentPassword, newPassword });
      }}
    >
      <h2>Password</h2>
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={fieldError(change.error, "currentPassword")}
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. Other devices will be logged out."
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        error={fieldError(change.error, "newPassword")}
      />
      <ErrorMessage error={change.error} />
      {change.isSuccess && (
        <p className="success" role="status">
          Password changed. Other sessions were logged out.
        </p>
      )}
      <button type="submit" disabled={change.isPending}>
        Change password
      </button>
    </form>
  );
}
