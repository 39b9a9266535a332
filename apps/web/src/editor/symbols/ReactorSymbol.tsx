import { Svg } from "./Svg.tsx";

/**
 * Series reactor / impedance (IEC 60617 reactor): the conductor enters a three-quarter turn and
 * leaves from its centre.
 */
export function ReactorSymbol() {
  return (
    <Svg title="Series reactor">
      <line x1={28} y1={0} x2={28} y2={20} />
      <path d="M28 20 A12 12 0 1 0 40 32 L28 32" />
      <line x1={28} y1={32} x2={28} y2={64} />
    </Svg>
  );
}
