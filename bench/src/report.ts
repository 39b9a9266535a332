// Tables for the terminal (and docs/performance.md) and an SVG plot of time against network size.

import { type EngineRow, FAULTS } from "./engine/measure.ts";

export function table(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => (typeof v === "number" ? format(v) : v);
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

function format(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  return v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : Math.round(v).toLocaleString("en-US");
}

const PHASES = ["model", "factorize", "inverse", "transfer", "peak network", "zero sequence", "results"];

/** One row per network and fault: wall time, per bus, peak WASM memory and the engine's phases. */
export function engineTable(rows: EngineRow[]): string {
  return table(
    [
      "network",
      "buses",
      "fault",
      "validate once ms",
      "first ms",
      "warm median ms",
      "warm repeats",
      "µs/bus",
      "peak WASM MiB",
      ...PHASES.map((p) => `${p} ms`),
    ],
    rows.map((r) => [
      r.network,
      r.buses,
      r.fault,
      r.validateMs,
      r.firstMs,
      r.ms,
      r.repeats,
      r.usPerBus,
      r.peakWasmMiB,
      ...PHASES.map((p) => r.phases[p] ?? 0),
    ]),
  );
}

interface Series {
  label: string;
  colour: string;
  points: { x: number; y: number }[];
}

export function engineSeries(rows: EngineRow[], where: string, colours: [string, string]): Series[] {
  return FAULTS.map((fault, k) => ({
    label: `${where}, ${fault}`,
    colour: colours[k] as string,
    points: rows.filter((r) => r.fault === fault).map((r) => ({ x: r.buses, y: r.ms })),
  }));
}

/** A log-log plot: all-bus study time (ms) against the number of buses. */
export function timeVsSizeSvg(series: Series[]): string {
  const [w, h, left, bottom, top, right] = [720, 440, 70, 50, 20, 170];
  const all = series.flatMap((s) => s.points);
  const decade = (v: number, round: (x: number) => number) => 10 ** round(Math.log10(v));
  const x0 = decade(Math.min(...all.map((p) => p.x)), Math.floor);
  const x1 = decade(Math.max(...all.map((p) => p.x)), Math.ceil);
  const y0 = decade(Math.min(...all.map((p) => p.y)), Math.floor);
  const y1 = decade(Math.max(...all.map((p) => p.y)), Math.ceil);
  const px = (x: number) =>
    left + ((Math.log10(x) - Math.log10(x0)) / Math.log10(x1 / x0)) * (w - left - right);
  const py = (y: number) =>
    h - bottom - ((Math.log10(y) - Math.log10(y0)) / Math.log10(y1 / y0)) * (h - bottom - top);
  const parts: string[] = [];
  for (let x = x0; x <= x1; x *= 10) {
    parts.push(`<line x1="${px(x)}" y1="${top}" x2="${px(x)}" y2="${h - bottom}" stroke="#e2e8f0"/>`);
    parts.push(
      `<text x="${px(x)}" y="${h - bottom + 18}" text-anchor="middle">${x.toLocaleString("en-US")}</text>`,
    );
  }
  for (let y = y0; y <= y1; y *= 10) {
    parts.push(`<line x1="${left}" y1="${py(y)}" x2="${w - right}" y2="${py(y)}" stroke="#e2e8f0"/>`);
    parts.push(
      `<text x="${left - 8}" y="${py(y) + 4}" text-anchor="end">${y.toLocaleString("en-US")}</text>`,
    );
  }
  series.forEach((s, k) => {
    const sorted = [...s.points].sort((a, b) => a.x - b.x);
    const path = sorted.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ");
    parts.push(`<polyline points="${path}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
    for (const p of sorted)
      parts.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${s.colour}"/>`);
    const ly = top + 20 + k * 20;
    parts.push(
      `<line x1="${w - right + 15}" y1="${ly}" x2="${w - right + 35}" y2="${ly}" stroke="${s.colour}" stroke-width="2"/>`,
    );
    parts.push(`<text x="${w - right + 40}" y="${ly + 4}">${s.label}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<title>All-bus IEC 60909 study time against network size (log-log)</title>
<rect width="100%" height="100%" fill="white"/>
${parts.join("\n")}
<text x="${(left + w - right) / 2}" y="${h - 12}" text-anchor="middle">buses</text>
<text transform="translate(16 ${(top + h - bottom) / 2}) rotate(-90)" text-anchor="middle">all-bus study, ms</text>
</svg>
`;
}
