import { EngineStatus } from "./EngineStatus.tsx";
import { HealthPanel } from "./HealthPanel.tsx";

export function App() {
  return (
    <main>
      <header>
        <h1>AmpFlux</h1>
        <p className="muted">Short-circuit studies per IEC 60909, in the browser.</p>
      </header>
      <HealthPanel />
      <EngineStatus />
    </main>
  );
}
