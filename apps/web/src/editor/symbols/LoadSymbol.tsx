import { Svg } from "./Svg.tsx";

/** Load: an arrow drawing power from its bus. */
export function LoadSymbol() {
  return (
    <Svg title="Load">
      <line x1={28} y1={0} x2={28} y2={34} />
      <path d="M16 34 L40 34 L28 54 Z" fill="currentColor" />
    </Svg>
  );
}
