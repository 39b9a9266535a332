/** A study's progress, 0..1, with what the worker is doing. */
export function ProgressBar({ value, label, status }: { value: number; label: string; status: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress" data-testid="progress" data-status={status}>
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label="Study progress"
      >
        <div className={`progress-fill status-${status}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="small">
        <strong data-testid="progress-status">{status}</strong> {percent} % {label && `· ${label}`}
      </span>
    </div>
  );
}
