import { SSO_START_PATH } from "@ampflux/contracts";
import { useState } from "react";
import { Field } from "../ui/Field.tsx";

/**
 * Why the api sent the browser back from a single sign-on (apps/api/src/auth/oidc/jit-users.ts
 * SsoErrorCode): our own sentences, so a crafted link cannot put its text on the login page.
 */
const SSO_ERRORS: Record<string, string> = {
  no_provider: "No company signs in this email address with single sign-on.",
  provider_error: "The identity provider could not complete the sign-in. Try again or ask your admin.",
  expired: "The sign-in took too long or was started in another browser. Please start again.",
  no_email: "Your identity provider did not send an email address.",
  email_unverified: "Your identity provider has not verified your email address.",
  domain_not_allowed: "Your email address is not in a domain your company signs in by SSO.",
  other_company: "An account with this email belongs to another company.",
  deactivated: "This account is deactivated.",
};

/** "Sign in with SSO": the company is found by the email's domain (a full-page redirect). */
export function SsoSignIn({ errorCode }: { errorCode: string | null }) {
  const [email, setEmail] = useState("");
  return (
    <form
      className="card auth-card"
      onSubmit={(event) => {
        event.preventDefault();
        window.location.assign(`${SSO_START_PATH}?email=${encodeURIComponent(email.trim())}`);
      }}
    >
      <h2>Single sign-on</h2>
      <Field
        // Not "Email": the password form's field keeps that label to itself.
        label="Work address"
        placeholder="you@your-company.com"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      {errorCode && (
        <p className="alert" role="alert">
          {SSO_ERRORS[errorCode] ?? SSO_ERRORS.provider_error}
        </p>
      )}
      <button type="submit">Sign in with SSO</button>
    </form>
  );
}
