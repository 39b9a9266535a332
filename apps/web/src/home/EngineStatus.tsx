import { loadSimCore } from "@ampflux/sim-wasm";
import { useQuery } from "@tanstack/react-query";

/** Loads the WASM simulation core in this browser tab: the engine that will show live fault currents. */
export function EngineStatus() {
  const engine = useQuery({
    queryKey: ["sim-core"],
    queryFn: loadSimCore,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (engine.isPending) return <p aria-busy="true">Loading the simulation engine…</p>;
  if (engine.isError) return <p role="alert">The simulation engine failed to load: {engine.error.message}</p>;
  return (
    <p data-testid="engine-status">
      Simulation engine loaded in this browser (WebAssembly, ABI {engine.data.abiVersion}).
    </p>
  );
}
