import { Svg } from "./Svg.tsx";

const BOX = { x0: 10, y0: 4, x1: 46, y1: 34 };

/** 45° hatch lines y = x − c clipped to the box. */
const HATCH = [-18, -9, 0, 9, 18, 27, 36].map((c) => {
  const xa = Math.max(BOX.x0, BOX.y0 + c);
  const xb = Math.min(BOX.x1, BOX.y1 + c);
  return { x1: xa, y1: xa - c, x2: xb, y2: xb - c };
});

/** External grid: a hatched box feeding down to its bus. */
export function GridSymbol() {
  return (
    <Svg title="External grid">
      <rect x={BOX.x0} y={BOX.y0} width={BOX.x1 - BOX.x0} height={BOX.y1 - BOX.y0} />
      {HATCH.map((l) => (
        <line key={l.x1 * 100 + l.y1} {...l} strokeWidth={1} />
      ))}
      <line x1={28} y1={34} x2={28} y2={64} />
    </Svg>
  );
}
