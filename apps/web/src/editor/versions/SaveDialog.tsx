import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorCode, validationOf } from "../../lib/errors.ts";
import { trpc } from "../../trpc.ts";
import { Dialog } from "../../ui/Dialog.tsx";
import { ErrorMessage } from "../../ui/ErrorMessage.tsx";
import { useEditor } from "../EditorContext.tsx";
import { ConflictNotice } from "./ConflictNotice.tsx";

/** Saves the network as the next version, with a message; refuses politely on conflicts. */
export function SaveDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { projectId, doc, state, dispatch, validation } = useEditor();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const save = useMutation(
    trpc.circuits.save.mutationOptions({
      onSuccess: async (saved, input) => {
        dispatch({ type: "saved", version: saved.version, doc: input.document as typeof doc });
        setMessage("");
        await queryClient.invalidateQueries({ queryKey: trpc.circuits.pathKey() });
        onClose();
      },
    }),
  );
  const submit = (baseVersion: number | null) =>
    save.mutate({ projectId, baseVersion, message, document: doc });
  const conflict = errorCode(save.error) === "CONFLICT";
  const serverIssues = validationOf(save.error)?.issues ?? [];
  return (
    <Dialog title="Save a new version" open={open} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          submit(state.baseVersion);
        }}
      >
        <p className="muted">
          {state.baseVersion === null
            ? "This will be version 1 of the project."
            : `Based on version ${state.baseVersion}; this will be version ${state.baseVersion + 1}.`}
        </p>
        <div className="field">
          <label htmlFor="version-message">What changed?</label>
          <input
            id="version-message"
            autoFocus
            maxLength={1000}
            placeholder="e.g. added motor M2 at the LV board"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        </div>
        {!validation.ok && (
          <p className="field-error">
            The network has {validation.errors.length} error(s); the server will refuse it until they are
            fixed (see the Properties tab).
          </p>
        )}
        {conflict ? (
          <ConflictNotice error={save.error} onSaveAnyway={submit} onDone={onClose} />
        ) : (
          <ErrorMessage error={save.error} />
        )}
        {serverIssues.length > 0 && (
          <ul className="issues issues-error">
            {serverIssues.slice(0, 20).map((i) => (
              <li key={i.path.join(".")}>
                <code>{i.path.slice(1).join(".")}</code> {i.message}
              </li>
            ))}
          </ul>
        )}
        {!conflict && (
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save version"}
          </button>
        )}
      </form>
    </Dialog>
  );
}
