import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

export function CreateApiKeyForm({ onCreated }: { onCreated(): void }) {
  const [name, setName] = useState("");
  const [days, setDays] = useState("");
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => {
        setName("");
        onCreated();
      },
    }),
  );
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name, ...(days ? { expiresInDays: Number(days) } : {}) });
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
