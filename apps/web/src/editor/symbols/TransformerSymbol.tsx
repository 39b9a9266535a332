import { Svg } from "./Svg.tsx";

/** Two-winding transformer: two overlapping circles, HV on top. */
export function TransformerSymbol() {
  return (
    <Svg title="Transformer">
      <line x1={28} y1={0} x2={28} y2={8} />
      <circle cx={28} cy={23} r={14} />
      <circle cx={28} cy={41} r={14} />
      <line x1={28} y1={55} x2={28} y2={64} />
    </Svg>
  );
}
