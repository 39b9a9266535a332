import type { BranchFaultResult, ElementCollection } from "@ampflux/contracts";
import { Panel, useInternalNode, ViewportPortal } from "@xyflow/react";
import { memo, useMemo } from "react";
import { formatKa } from "../../lib/format.ts";
import { currentColour } from "../../results/colour.ts";
import type { FaultBusBranches } from "../../results/useFaultBusBranches.ts";
import { useEditor } from "../EditorContext.tsx";
import { KINDS } from "../model/catalog.ts";
import { terminalBuses } from "../model/document.ts";

/** Most branch ends drawn: the largest contributions (a fault on a 13,659-bus network reaches every branch). */
export const MAX_DRAWN_ENDS = 300;

const COLLECTION: Record<BranchFaultResult["branch_type"], ElementCollection> = {
  line: "lines",
  transformer: "transformers",
  transformer3w: "transformers3w",
  impedance: "impedances",
};

/** A branch end to draw: the engine's row and the terminal (handle id) wired to its bus. */
interface DrawnEnd {
  row: BranchFaultResult;
  terminal: string;
  colour: string;
}

/**
 * For a fault at the selected bus, each branch end's current (the engine's branch results, the
 * rows of the Results tab's table) next to its terminal on the diagram: kA, an arrow the way the
 * fault's contribution runs (toward the fault), coloured by its share of the largest end current.
 * Ends carrying nothing worth drawing (< 0.5 % of the largest) are left out.
 */
export function BranchCurrentsOverlay({ branches }: { branches: FaultBusBranches | null }) {
  const { doc } = useEditor();
  const ends = useMemo<DrawnEnd[]>(() => {
    if (!branches) return [];
    const largest = branches.rows.reduce((m, r) => Math.max(m, r.ikss_ka), 0);
    return [...branches.rows]
      .filter((r) => r.ikss_ka > 0.005 * largest)
      .sort((a, b) => b.ikss_ka - a.ikss_ka)
      .slice(0, MAX_DRAWN_ENDS)
      .flatMap((row) => {
        const collection = COLLECTION[row.branch_type];
        const element = doc[collection].find((e) => e.id === row.branch);
        if (!element) return [];
        const buses = terminalBuses(collection, element);
        const terminal = KINDS[collection].terminals[buses.indexOf(row.bus)]?.field;
        return terminal ? [{ row, terminal, colour: currentColour(row.ikss_ka, largest) }] : [];
      });
  }, [branches, doc]);
  if (!branches) return null;
  return (
    <>
      <ViewportPortal>
        {ends.map((end) => (
          <EndCurrent key={`${end.row.branch}|${end.terminal}`} end={end} />
        ))}
      </ViewportPortal>
      <Panel position="top-center" className="branch-currents-note" data-testid="branch-currents-note">
        {branches.status === "computing" && ends.length === 0
          ? `Computing branch currents for a fault at ${branches.bus}…`
          : branches.status === "error"
            ? `Branch currents for a fault at ${branches.bus} not computed: ${branches.error}`
            : `Fault at ${branches.bus}: branch currents Ik'' in kA, arrows toward the fault` +
              (branches.rows.length > ends.length
                ? ` (${ends.length} largest of ${branches.rows.length} ends)`
                : "")}
      </Panel>
    </>
  );
}

/**
 * One end's label beside its terminal (left of the wire, toward the bus). The arrow points along
 * the wire: from the bus into the branch when the current enters there (toward_fault), else out of
 * the branch into the bus. Not drawn until the branch's node is measured (off screen on a large network).
 */
const EndCurrent = memo(function EndCurrent({ end }: { end: DrawnEnd }) {
  const node = useInternalNode(end.row.branch);
  const bus = useInternalNode(end.row.bus);
  const handle = node?.internals.handleBounds?.source?.find((h) => h.id === end.terminal);
  if (!node || !bus || !handle) return null;
  const x = node.internals.positionAbsolute.x + handle.x + handle.width / 2;
  const y = node.internals.positionAbsolute.y + handle.y + handle.height / 2;
  const busBelow = bus.internals.positionAbsolute.y + (bus.measured.height ?? 0) / 2 > y;
  // Screen direction of the current along the wire between the terminal and the bus bar.
  const down = end.row.toward_fault !== busBelow;
  const { row } = end;
  const direction = row.toward_fault
    ? `from ${row.bus} into ${row.branch}`
    : `out of ${row.branch} into ${row.bus}`;
  return (
    <div
      className="branch-current"
      data-testid={`branch-current-${row.branch}-${row.bus}`}
      data-direction={row.toward_fault ? "into-branch" : "into-bus"}
      title={`${row.branch} at ${row.bus}: ${formatKa(row.ikss_ka)} kA ${direction}, toward the fault at ${row.fault_bus}`}
      style={{
        // Left of the wire, toward the bus: the element's own label is on its right.
        transform: `translate(${x - 5}px, ${y}px) translate(-100%, ${busBelow ? "10%" : "-110%"})`,
        color: end.colour,
      }}
    >
      <span className="branch-current-arrow" aria-hidden="true">
        {down ? "↓" : "↑"}
      </span>
      {formatKa(row.ikss_ka)} kA
    </div>
  );
});
