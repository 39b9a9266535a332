import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

/** The second step of a log-in: a code from the authenticator app, or a recovery code. */
export function TwoFactorLoginStep({ challenge, onDone }: { challenge: string; onDone(): void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const verify = useMutation(trpc.auth.verifyTwoFactor.mutationOptions({ onSuccess: onDone }));
  const field = useRecovery ? "recoveryCode" : "code";
  return (
    <form
      className="card auth-card"
      onSubmit={(event) => {
        event.preventDefault();
        verify.mutate({ challenge, [field]: value });
      }}
    >
      <h1>Two-factor authentication</h1>
      <p className="muted">
        {useRecovery
          ? "Enter one of your recovery codes. Each works once."
          : "Enter the 6-digit code your authenticator app shows for AmpFlux."}
      </p>
      <Field
        label={useRecovery ? "Recovery code" : "Authentication code"}
        autoComplete="one-time-code"
        inputMode={useRecovery ? "text" : "numeric"}
        required
        autoFocus
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldError(verify.error, field)}
      />
      <ErrorMessage error={verify.error} />
      <button type="submit" className="primary" disabled={verify.isPending}>
        {verify.isPending ? "Checking…" : "Verify"}
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setValue("");
          verify.reset();
        }}
      >
        {useRecovery ? "Use the authenticator app instead" : "Use a recovery code instead"}
      </button>
    </form>
  );
}
