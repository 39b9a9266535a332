import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

/** Asks for a reset link; the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  return (
    <main className="auth-page">
      <form
        className="card auth-card"
        onSubmit={(event) => {
          event.preventDefault();
          request.mutate({ email });
        }}
      >
        <h1>Forgot your password?</h1>
        {request.isSuccess ? (
          <p className="success" role="status">
            {request.data.message} The link works once, for 30 minutes.
          </p>
        ) : (
          <>
            <p className="muted">We will email you a link to choose a new one.</p>
            <Field
              label="Email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldError(request.error, "email")}
            />
            <ErrorMessage error={request.error} />
            <button type="submit" className="primary" disabled={request.isPending}>
              {request.isPending ? "Sending…" : "Email me a link"}
            </button>
          </>
        )}
        <p className="muted">
          <Link to="/login">Back to log in</Link>
        </p>
      </form>
    </main>
  );
}
