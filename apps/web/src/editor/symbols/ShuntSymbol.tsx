import { Svg } from "./Svg.tsx";

/** Shunt (capacitor or reactor bank) to earth. */
export function ShuntSymbol() {
  return (
    <Svg title="Shunt">
      <line x1={28} y1={0} x2={28} y2={26} />
      <line x1={14} y1={26} x2={42} y2={26} strokeWidth={3} />
      <line x1={14} y1={34} x2={42} y2={34} strokeWidth={3} />
      <line x1={28} y1={34} x2={28} y2={48} />
      <line x1={18} y1={48} x2={38} y2={48} />
      <line x1={22} y1={53} x2={34} y2={53} />
      <line x1={26} y1={58} x2={30} y2={58} />
    </Svg>
  );
}
