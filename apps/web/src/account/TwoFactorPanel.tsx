import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";
import { RecoveryCodes } from "./TwoFactorRecoveryCodes.tsx";

/** Turning two-factor authentication on (scan, confirm, keep the recovery codes) and off. */
export function TwoFactorPanel() {
  const queryClient = useQueryClient();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.twoFactor.status.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    ]);
  if (!status.data) return <ErrorMessage error={status.error} />;
  return (
    <section className="card stack" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor authentication</h2>
      {status.data.companyRequires && !status.data.enabled && (
        <p className="alert" role="alert">
          Your company requires two-factor authentication: turn it on to continue using AmpFlux.
        </p>
      )}
      {recoveryCodes && <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />}
      {status.data.enabled ? (
        <TwoFactorOn
          recoveryCodesLeft={status.data.recoveryCodesLeft}
          companyRequires={status.data.companyRequires}
          onRegenerated={setRecoveryCodes}
          onDisabled={refresh}
        />
      ) : (
        <TwoFactorEnrolment
          onEnabled={async (codes) => {
            setRecoveryCodes(codes);
            await refresh();
          }}
        />
      )}
    </section>
  );
}

function TwoFactorEnrolment({ onEnabled }: { onEnabled(codes: string[]): void }) {
  const [code, setCode] = useState("");
  const begin = useMutation(trpc.twoFactor.beginEnrolment.mutationOptions());
  const confirm = useMutation(
    trpc.twoFactor.confirmEnrolment.mutationOptions({ onSuccess: (data) => onEnabled(data.recoveryCodes) }),
  );
  if (!begin.data)
    return (
      <>
        <p className="muted">Off. Use an authenticator app (a 6-digit code that changes every 30 seconds).</p>
        <ErrorMessage error={begin.error} />
        <button type="button" onClick={() => begin.mutate()} disabled={begin.isPending}>
          Set up two-factor authentication
        </button>
      </>
    );
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        confirm.mutate({ code });
      }}
    >
      <p>Scan this QR code with your authenticator app, or type the key into it.</p>
      <img
        className="qr-code"
        alt="QR code of the two-factor secret"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(begin.data.qrCodeSvg)}`}
      />
      <p>
        Key: <code data-testid="totp-secret">{begin.data.secret}</code>
      </p>
      <Field
        label="Code from the app"
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError(confirm.error, "code")}
      />
      <ErrorMessage error={confirm.error} />
      <button type="submit" className="primary" disabled={confirm.isPending}>
        Turn on
      </button>
    </form>
  );
}

function TwoFactorOn(props: {
  recoveryCodesLeft: number;
  companyRequires: boolean;
  onRegenerated(codes: string[]): void;
  onDisabled(): void;
}) {
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const regenerate = useMutation(
    trpc.twoFactor.regenerateRecoveryCodes.mutationOptions({
      onSuccess: (data) => {
        setCode("");
        props.onRegenerated(data.recoveryCodes);
      },
    }),
  );
  const disable = useMutation(trpc.twoFactor.disable.mutationOptions({ onSuccess: props.onDisabled }));
  const error = regenerate.error ?? disable.error;
  return (
    <form className="stack" onSubmit={(e) => e.preventDefault()}>
      <p data-testid="two-factor-status">
        On · {props.recoveryCodesLeft} recovery code{props.recoveryCodesLeft === 1 ? "" : "s"} left
      </p>
      <Field
        label="Current code"
        autoComplete="one-time-code"
        inputMode="numeric"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError(error, "code")}
      />
      <button type="button" onClick={() => regenerate.mutate({ code })} disabled={regenerate.isPending}>
        New recovery codes
      </button>
      {!props.companyRequires && (
        <>
          <Field
            label="Password (to turn off)"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError(error, "password")}
          />
          <button
            type="button"
            className="danger"
            onClick={() => disable.mutate({ password, code })}
            disabled={disable.isPending}
          >
            Turn off two-factor authentication
          </button>
        </>
      )}
      <ErrorMessage error={error} />
    </form>
  );
}
