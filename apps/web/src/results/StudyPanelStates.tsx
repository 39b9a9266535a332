import { EmptyState } from "../ui/EmptyState.tsx";
import type { LiveResults } from "./useLiveResults.ts";

/** A study option's tab while the option is off: what it would show, and a button turning it on. */
export function OptionOff({
  testId,
  title,
  action,
  onTurnOn,
  children,
}: {
  testId: string;
  title: string;
  action: string;
  onTurnOn(): void;
  children: React.ReactNode;
}) {
  return (
    <div className="panel-body stack" data-testid={testId}>
      <EmptyState title={title}>
        {children}
        <div>
          <button type="button" className="small" onClick={onTurnOn}>
            {action}
          </button>
        </div>
      </EmptyState>
    </div>
  );
}

/** Why an option's results are not there: the engine's refusal, none returned, or still computing. */
export function NotComputed({ live, testId, none }: { live: LiveResults; testId: string; none: string }) {
  return (
    <p className="muted small" data-testid={testId}>
      {live.status === "error" ? `Not computed: ${live.error}` : live.status === "done" ? none : "Computing…"}
    </p>
  );
}
