import { Svg } from "./Svg.tsx";

/** Three-winding transformer: three circles, HV on top, MV bottom left, LV bottom right. */
export function Transformer3wSymbol() {
  return (
    <Svg title="Three-winding transformer">
      <line x1={28} y1={0} x2={28} y2={8} />
      <circle cx={28} cy={20} r={12} />
      <circle cx={20} cy={36} r={12} />
      <circle cx={36} cy={36} r={12} />
      <polyline points="14,46 14,64" />
      <polyline points="42,46 42,64" />
    </Svg>
  );
}
