import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

/**
 * Opened from a verification link (?token=…), logged in or not: confirms the address at once.
 * The link is used by this page's request, not by opening the URL, so mail scanners that fetch
 * links do not spend it.
 */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const queryClient = useQueryClient();
  const verify = useMutation(
    trpc.account.verifyEmail.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    }),
  );
  // Once per page load, even where React runs effects twice (StrictMode): a link works once.
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    verify.mutate({ token });
  }, [token, verify]);
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Email address</h1>
        {!token ? (
          <ErrorMessage error={new Error("This page needs the link from the email, with its token.")} />
        ) : verify.isSuccess ? (
          <p className="success" role="status">
            {verify.data.changed
              ? `Your account's address is now ${verify.data.email}.`
              : `${verify.data.email} is verified. Thank you.`}
          </p>
        ) : verify.isError ? (
          <ErrorMessage error={verify.error} />
        ) : (
          <Loading label="Checking the link…" />
        )}
        <p className="muted">
          <Link to="/projects">Continue to AmpFlux</Link> · <Link to="/account">Your account</Link>
        </p>
      </div>
    </main>
  );
}
