import { Svg } from "./Svg.tsx";

/** Synchronous generator: a circle with a tilde, feeding down. */
export function GeneratorSymbol() {
  return (
    <Svg title="Generator">
      <circle cx={28} cy={22} r={17} />
      <path d="M17 22 q5.5 -8 11 0 t11 0" />
      <line x1={28} y1={39} x2={28} y2={64} />
    </Svg>
  );
}
