import { useState } from "react";
import { errorMessage } from "../../lib/errors.ts";
import { ErrorMessage } from "../../ui/ErrorMessage.tsx";
import { useReload } from "./useReload.ts";

/** Someone saved in between: reload theirs, or save ours on top of it (theirs stays in the history). */
export function ConflictNotice({
  error,
  onSaveAnyway,
  onDone,
}: {
  error: unknown;
  onSaveAnyway(baseVersion: number): void;
  onDone(): void;
}) {
  const reload = useReload();
  const [reloadError, setReloadError] = useState<unknown>(null);
  const latest = Number(/version (\d+) was saved in between/.exec(errorMessage(error))?.[1] ?? Number.NaN);
  return (
    <div className="alert conflict" role="alert" data-testid="conflict">
      <strong>
        {Number.isFinite(latest) ? `Version ${latest} was saved in between.` : "Someone saved in between."}
      </strong>
      <span>Reload it to continue from there (your unsaved changes are dropped), or save yours on top.</span>
      <div className="row">
        <button
          type="button"
          className="primary small"
          onClick={() => reload().then(onDone).catch(setReloadError)}
        >
          Reload version {Number.isFinite(latest) ? latest : "latest"}
        </button>
        {Number.isFinite(latest) && (
          <button type="button" className="small" onClick={() => onSaveAnyway(latest)}>
            Save mine as version {latest + 1}
          </button>
        )}
      </div>
      <ErrorMessage error={reloadError} />
    </div>
  );
}
