import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";
import { SsoSignIn } from "./SsoSignIn.tsx";
import { TwoFactorLoginStep } from "./TwoFactorLoginStep.tsx";

/** Only local paths: a crafted ?next= must not send the user to another site. */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/projects";
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [challenge, setChallenge] = useState<string | null>(null);
  const loggedIn = async () => {
    await queryClient.resetQueries();
    navigate(safeNext(params.get("next")), { replace: true });
  };
  const logIn = useMutation(
    trpc.auth.logIn.mutationOptions({
      onSuccess: (result) => ("twoFactorRequired" in result ? setChallenge(result.challenge) : loggedIn()),
    }),
  );
  if (challenge)
    return (
      <main className="auth-page">
        <TwoFactorLoginStep challenge={challenge} onDone={loggedIn} />
      </main>
    );
  return (
    <main className="auth-page">
      <form
        className="card auth-card"
        onSubmit={(event) => {
          event.preventDefault();
          logIn.mutate({ email, password });
        }}
      >
        <h1>Log in to AmpFlux</h1>
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(logIn.error, "email")}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(logIn.error, "password")}
        />
        <ErrorMessage error={logIn.error} />
        <button type="submit" className="primary" disabled={logIn.isPending}>
          {logIn.isPending ? "Logging in…" : "Log in"}
        </button>
        <p className="muted">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p className="muted">
          New here? <Link to="/signup">Create an account</Link>
        </p>
      </form>
      <SsoSignIn errorCode={params.get("sso_error")} />
    </main>
  );
}
