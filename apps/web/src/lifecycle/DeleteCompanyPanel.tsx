import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldError } from "../lib/errors.ts";
import { formatDate } from "../lib/format.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";
import { Loading } from "../ui/Loading.tsx";
import { useCompanyLifecycle } from "./useCompanyLifecycle.ts";

/**
 * Deleting the company after the grace period: the admin's password and the company's name typed
 * out; while it is pending, the date and a cancel button.
 */
export function DeleteCompanyPanel() {
  const queryClient = useQueryClient();
  const lifecycle = useCompanyLifecycle();
  const [password, setPassword] = useState("");
  const [confirmName, setConfirmName] = useState("");
  const onSuccess = () => {
    setPassword("");
    setConfirmName("");
    return queryClient.invalidateQueries({ queryKey: trpc.company.lifecycle.queryKey() });
  };
  const request = useMutation(trpc.company.requestDeletion.mutationOptions({ onSuccess }));
  const cancel = useMutation(trpc.company.cancelDeletion.mutationOptions({ onSuccess }));
  const company = lifecycle.data;
  return (
    <section className="card stack" id="delete-company" aria-labelledby="delete-company-title">
      <h2 id="delete-company-title">Delete company</h2>
      {!company ? (
        <Loading />
      ) : company.deletionScheduledFor ? (
        <>
          <p data-testid="deletion-pending">
            The company and all its data will be deleted on {formatDate(company.deletionScheduledFor)}.
          </p>
          <ErrorMessage error={cancel.error} />
          <div>
            <button type="button" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              Cancel deletion
            </button>
          </div>
        </>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate({ password, confirmName });
          }}
        >
          <p className="muted small">
            Every project, version, study, report and account of {company.name} is deleted{" "}
            {company.graceDays > 0
              ? `${company.graceDays} days after the request. Until then everyone can still log in and export, and an admin can cancel.`
              : "at once (no grace period is configured)."}{" "}
            Every user is told by e-mail.
          </p>
          <Field
            label="Your password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError(request.error, "password")}
          />
          <Field
            label={`Type "${company.name}" to confirm`}
            required
            value={confirmName}
            onChange={(e) => setConfirmName(e.target.value)}
            error={fieldError(request.error, "confirmName")}
          />
          <ErrorMessage error={request.error} />
          <div>
            <button
              type="submit"
              className="danger"
              disabled={request.isPending || confirmName.trim() !== company.name}
            >
              Delete company
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
