import { SSO_CALLBACK_PATH } from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

/** Company admins: the company's OpenID Connect provider for "Sign in with SSO". */
export function SsoSettingsPanel() {
  const queryClient = useQueryClient();
  const config = useQuery(trpc.sso.get.queryOptions());
  const [issuerUrl, setIssuerUrl] = useState("");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [domains, setDomains] = useState("");
  const [ssoOnly, setSsoOnly] = useState(false);
  const provider = config.data?.provider;
  useEffect(() => {
    if (!provider) return;
    setIssuerUrl(provider.issuerUrl);
    setClientId(provider.clientId);
    setDomains(provider.emailDomains.join(", "));
    setSsoOnly(provider.ssoOnly);
  }, [provider]);
  const onSuccess = () => {
    setClientSecret("");
    return queryClient.invalidateQueries({ queryKey: trpc.sso.get.queryKey() });
  };
  const save = useMutation(trpc.sso.configure.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.sso.remove.mutationOptions({ onSuccess }));
  const redirectUri = config.data?.redirectUri ?? `${window.location.origin}${SSO_CALLBACK_PATH}`;
  return (
    <section className="card" aria-labelledby="sso-settings">
      <h2 id="sso-settings">Single sign-on (OpenID Connect)</h2>
      <p className="muted">
        Register AmpFlux at your identity provider as a confidential client with the redirect URI{" "}
        <code data-testid="sso-redirect-uri">{redirectUri}</code>. Users of these email domains then sign in
        there; new ones join the company as users.
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            issuerUrl,
            clientId,
            ...(clientSecret ? { clientSecret } : {}),
            emailDomains: domains
              .split(/[\s,]+/)
              .map((d) => d.trim())
              .filter(Boolean),
            ssoOnly,
          });
        }}
      >
        <Field
          label="Issuer URL"
          type="url"
          required
          value={issuerUrl}
          onChange={(e) => setIssuerUrl(e.target.value)}
          error={fieldError(save.error, "issuerUrl")}
        />
        <Field
          label="Client ID"
          required
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          error={fieldError(save.error, "clientId")}
        />
        <Field
          label="Client secret"
          type="password"
          autoComplete="off"
          required={!provider}
          placeholder={provider ? "stored: leave empty to keep" : ""}
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          error={fieldError(save.error, "clientSecret")}
        />
        <Field
          label="Email domains"
          required
          hint="comma-separated, e.g. example.com, example.org"
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          error={fieldError(save.error, "emailDomains")}
        />
        <label className="checkbox">
          <input type="checkbox" checked={ssoOnly} onChange={(e) => setSsoOnly(e.target.checked)} /> SSO only
          (password log-in refused for the company's users; admins keep theirs)
        </label>
        <ErrorMessage error={save.error ?? remove.error} />
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save
          </button>
          {provider && (
            <button
              type="button"
              className="danger"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
            >
              Remove
            </button>
          )}
        </div>
        {save.isSuccess && <p role="status">Saved: the provider answered.</p>}
      </form>
    </section>
  );
}
