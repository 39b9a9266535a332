import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

/** Founds a company (first admin) or, with ?invite=TOKEN, joins the inviting company. */
export function SignUpPage() {
  const [params] = useSearchParams();
  const invitationToken = params.get("invite") ?? undefined;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", email: "", password: "", companyName: "" });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: async () => {
        await queryClient.resetQueries();
        navigate("/projects", { replace: true });
      },
    }),
  );
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const { companyName, ...rest } = form;
    signUp.mutate(invitationToken ? { ...rest, invitationToken } : { ...rest, companyName });
  };
  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={submit}>
        <h1>{invitationToken ? "Join your team on AmpFlux" : "Create your AmpFlux account"}</h1>
        <Field
          label="Your name"
          autoComplete="name"
          required
          value={form.name}
          onChange={set("name")}
          error={fieldError(signUp.error, "name")}
        />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set("email")}
          error={fieldError(signUp.error, "email")}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters."
          value={form.password}
          onChange={set("password")}
          error={fieldError(signUp.error, "password")}
        />
        {!invitationToken && (
          <Field
            label="Company"
            autoComplete="organization"
            required
            value={form.companyName}
            onChange={set("companyName")}
            error={fieldError(signUp.error, "companyName")}
          />
        )}
        <ErrorMessage error={signUp.error} />
        <button type="submit" className="primary" disabled={signUp.isPending}>
          {signUp.isPending ? "Creating…" : "Create account"}
        </button>
        <p className="muted">
          Already registered? <Link to="/login">Log in</Link>
        </p>
      </form>
    </main>
  );
}
