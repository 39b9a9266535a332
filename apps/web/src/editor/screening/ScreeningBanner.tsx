import { Link } from "react-router";
import { ErrorMessage } from "../../ui/ErrorMessage.tsx";
import type { ScreeningOverlay } from "./useScreeningOverlay.ts";

/** Outages offered in the banner's list: those that change I''k most. */
const LISTED = 50;

/**
 * Over the diagram while a stored N-1 screening is shown: what the colours are (the worst case
 * per bus, or one outage's deltas), a choice of outage among those that change most, and Close.
 */
export function ScreeningBanner({
  overlay,
  projectId,
  shownVersion,
}: {
  overlay: ScreeningOverlay;
  projectId: string;
  /** The version the editor holds (null: none saved yet). */
  shownVersion: number | null;
}) {
  const { result, outage } = overlay;
  if (!overlay.simulationId) return null;
  const o = result?.options;
  const listed = result
    ? [...result.outages].sort((a, b) => b.largest_change_percent - a.largest_change_percent).slice(0, LISTED)
    : [];
  // An outage named in the address but not among the listed (found in the table) is kept as a choice.
  if (outage && result && !listed.some((x) => x.outage === outage)) {
    const named = result.outages.find((x) => x.outage === outage);
    if (named) listed.unshift(named);
  }
  return (
    <section
      className="screening-banner"
      aria-label="N-1 screening on the diagram"
      data-testid="screening-banner"
    >
      <strong>N-1 screening</strong>
      {o && (
        <span className="muted">
          {o.fault}, {o.case} case, {result.outages.length} outages
        </span>
      )}
      {result && (
        <select
          aria-label="Outage shown"
          value={outage ?? ""}
          onChange={(e) => overlay.chooseOutage(e.target.value || null)}
        >
          <option value="">worst case per bus</option>
          {listed.map((x) => (
            <option key={x.outage} value={x.outage}>
              {x.outage} out ({x.largest_change_percent.toFixed(1)} % at {x.at_bus ?? "–"}
              {x.unfed_buses > 0 ? `, ${x.unfed_buses} unfed` : ""})
            </option>
          ))}
        </select>
      )}
      {overlay.version !== null && overlay.version !== shownVersion && (
        <span className="alert small" role="status" data-testid="screening-version">
          run on version {overlay.version}; the diagram is version {shownVersion ?? "unsaved"}: buses the two
          do not share have no figure
        </span>
      )}
      {overlay.loading && <span className="muted">computing…</span>}
      <Link to={`/projects/${projectId}/simulations`} className="small">
        Tables
      </Link>
      <button type="button" className="small" onClick={overlay.close}>
        Close
      </button>
      <ErrorMessage error={overlay.error} />
    </section>
  );
}
