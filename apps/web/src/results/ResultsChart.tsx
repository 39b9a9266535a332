import type { BusFaultResult } from "@ampflux/contracts";
import { formatKa } from "../lib/format.ts";
import { currentColour, maxCurrent } from "./colour.ts";

const ROW = 20;
const LABEL = 64;
const WIDTH = 320;
const VALUE = 52;

/** Ik'' per bus as horizontal bars, largest first (plain SVG). */
export function ResultsChart({ buses, onSelect }: { buses: BusFaultResult[]; onSelect(id: string): void }) {
  const rows = [...buses].sort((a, b) => (b.ikss_ka ?? -1) - (a.ikss_ka ?? -1)).slice(0, 30);
  const max = maxCurrent(rows.map((b) => b.ikss_ka));
  const barSpace = WIDTH - LABEL - VALUE;
  return (
    <svg
      className="results-chart"
      viewBox={`0 0 ${WIDTH} ${rows.length * ROW + 4}`}
      width="100%"
      role="img"
      aria-label="Ik'' per bus"
    >
      {rows.map((bus, i) => {
        const width = bus.ikss_ka && max > 0 ? (bus.ikss_ka / max) * barSpace : 0;
        const y = i * ROW + 2;
        return (
          // biome-ignore lint/a11y/noStaticElementInteractions: the table below offers the same selection by keyboard
          <g key={bus.bus} className="chart-row" onClick={() => onSelect(bus.bus)}>
            <text x={LABEL - 6} y={y + 13} textAnchor="end" className="chart-label">
              {bus.bus.length > 9 ? `${bus.bus.slice(0, 8)}…` : bus.bus}
            </text>
            <rect
              x={LABEL}
              y={y + 2}
              width={Math.max(width, 1)}
              height={ROW - 6}
              rx={2}
              fill={currentColour(bus.ikss_ka, max)}
            />
            <text x={LABEL + width + 4} y={y + 13} className="chart-value">
              {bus.fed ? `${formatKa(bus.ikss_ka)} kA` : "unfed"}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
