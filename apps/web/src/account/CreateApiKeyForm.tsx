import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "../auth/useSession.ts";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

export function CreateApiKeyForm({ onCreated }: { onCreated(): void }) {
  const [name, setName] = useState("");
  const [days, setDays] = useState("");
  const [twoFactorCode, setTwoFactorCode] = useState("");
  const needsCode = useSession().data?.user.twoFactorEnabled === true;
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => {
        setName("");
        setTwoFactorCode("");
        onCreated();
      },
    }),
  );
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          name,
          ...(days ? { expiresInDays: Number(days) } : {}),
          ...(needsCode ? { twoFactorCode } : {}),
        });
      }}
    >
      <div className="row">
        <Field
          label="Key name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(create.error, "name")}
        />
        <Field
          label="Expires in (days)"
          type="number"
          min={1}
          max={3650}
          placeholder="never"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={fieldError(create.error, "expiresInDays")}
        />
      </div>
      {needsCode && (
        <Field
          label="Two-factor code"
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          hint="You have two-factor authentication on: a new key needs a current code."
          value={twoFactorCode}
          onChange={(e) => setTwoFactorCode(e.target.value)}
          error={fieldError(create.error, "twoFactorCode")}
        />
      )}
      <ErrorMessage error={create.error} />
      <button type="submit" disabled={create.isPending}>
        Create key
      </button>
      {create.data && (
        <div className="secret" role="status">
          <p>
            Copy the key <strong>{create.data.name}</strong> now: it is shown only once.
          </p>
          <code data-testid="new-api-key">{create.data.key}</code>
          <button
            type="button"
            className="small"
            onClick={() => navigator.clipboard?.writeText(create.data.key)}
          >
            Copy
          </button>
        </div>
      )}
    </form>
  );
}
