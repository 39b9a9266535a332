import { Svg } from "./Svg.tsx";

/** Circuit breaker / disconnector: the blade is drawn open when the switch is open. */
export function SwitchSymbol({ closed }: { closed: boolean }) {
  return (
    <Svg title={closed ? "Closed switch" : "Open switch"}>
      <line x1={28} y1={0} x2={28} y2={20} />
      <circle cx={28} cy={22} r={2.5} fill="currentColor" />
      {closed ? <line x1={28} y1={22} x2={28} y2={44} /> : <line x1={28} y1={44} x2={42} y2={24} />}
      <circle cx={28} cy={44} r={2.5} fill="currentColor" />
      <line x1={28} y1={44} x2={28} y2={64} />
    </Svg>
  );
}
