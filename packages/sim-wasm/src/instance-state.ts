// State kept per WASM instance (handles and buffers mean nothing to another instance), made on
// first use and dropped with the instance.

import type { SimExports } from "./loader.ts";

/** A getter of the value `make` gives for each instance, made the first time it is asked for. */
export function perInstance<T>(make: () => T): (sim: SimExports) => T {
  const values = new WeakMap<SimExports, T>();
  return (sim) => {
    let value = values.get(sim);
    if (value === undefined) {
      value = make();
      values.set(sim, value);
    }
    return value;
  };
}
