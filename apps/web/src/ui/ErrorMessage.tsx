import { errorMessage } from "../lib/errors.ts";

/** An api or client error as one clear sentence; nothing when there is no error. */
export function ErrorMessage({ error, action }: { error: unknown; action?: React.ReactNode }) {
  if (error == null) return null;
  return (
    <div className="alert" role="alert">
      <span>{errorMessage(error)}</span>
      {action}
    </div>
  );
}
