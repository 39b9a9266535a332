import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

/** Opened from the emailed link (?token=…): sets a new password; every session of the account ends. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const queryClient = useQueryClient();
  const [newPassword, setNewPassword] = useState("");
  const reset = useMutation(
    trpc.account.resetPassword.mutationOptions({ onSuccess: () => queryClient.resetQueries() }),
  );
  return (
    <main className="auth-page">
      <form
        className="card auth-card"
        onSubmit={(event) => {
          event.preventDefault();
          reset.mutate({ token, newPassword });
        }}
      >
        <h1>Choose a new password</h1>
        {reset.isSuccess ? (
          <p className="success" role="status">
            Your password was changed and every session of your account was logged out.{" "}
            <Link to="/login">Log in</Link> with the new password.
          </p>
        ) : (
          <>
            <Field
              label="New password"
              type="password"
              autoComplete="new-password"
              required
              hint="At least 10 characters."
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              error={fieldError(reset.error, "newPassword")}
            />
            <ErrorMessage error={reset.error} />
            <button type="submit" className="primary" disabled={reset.isPending || !token}>
              Set new password
            </button>
            {(!token || reset.isError) && (
              <p className="muted">
                <Link to="/forgot-password">Ask for a new link</Link>
              </p>
            )}
          </>
        )}
      </form>
    </main>
  );
}
