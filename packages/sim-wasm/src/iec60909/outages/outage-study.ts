// The quantities an N-1 screening does not cover, for one chosen outage, by a full re-solve: the
// network with that branch out of service (a unit transformer with its generator, as the
// screening takes it, §6.7) studied as any network is. The screening's rank-1 update gives I''k
// only: ip needs κ from the R/X of the changed network, Ib the machines' transfer impedances and
// μ/q factors, Ith the m/n factors (IEC 60909-0:2016 §8.1, §8.2, §8.4), none of which follow from
// the changed diagonal of Z alone.

import type {
  OutageDetail,
  OutageScreeningOptions,
  OutageScreeningOptionsInput,
  ShortCircuitResult,
} from "@ampflux/contracts";
import type { SimExports } from "../../loader.ts";
import { shortCircuit } from "../short-circuit.ts";
import { ValidatedNetwork } from "../validated-network.ts";
import { outageDetail } from "./outage-screening.ts";

/** The elements the outage takes out: the branch, and the generator of a unit it connects. */
export function outageElements(network: ValidatedNetwork, outage: string): Set<string> {
  const unitGenerators = network.document.generators.filter(
    (g) => g.in_service && g.power_station_trafo === outage,
  );
  return new Set([outage, ...unitGenerators.map((g) => g.id)]);
}

/** A full short-circuit study of the network with `outage` out, in the screening's options. */
export function outageStudy(
  sim: SimExports,
  network: ValidatedNetwork,
  options: OutageScreeningOptions,
  outage: string,
): ShortCircuitResult {
  return shortCircuit(sim, network.withOutOfService(...outageElements(network, outage)), {
    fault: options.fault,
    case: options.case,
    lv_tolerance_percent: options.lv_tolerance_percent,
    c_max: options.c_max,
    c_min: options.c_min,
  });
}

/**
 * One outage in detail: I''k at every bus from the screening's exact rank-1 update (the same
 * number the screening ranked), and ip, Ib and Ith from the full re-solve of that outage.
 */
export function outageDetailWithStudy(
  sim: SimExports,
  network: ValidatedNetwork | unknown,
  input: OutageScreeningOptionsInput,
  outage: string,
): OutageDetail {
  const validated = ValidatedNetwork.is(network) ? network : ValidatedNetwork.check(network);
  const detail = outageDetail(sim, validated, input, outage);
  const study = outageStudy(sim, validated, detail.options, outage);
  const byBus = new Map(study.buses.map((b) => [b.bus, b]));
  return {
    ...detail,
    buses: detail.buses.map((b) => {
      const full = byBus.get(b.bus);
      const fed = b.ikss_ka !== null && full?.fed === true;
      return {
        ...b,
        ip_ka: fed ? (full?.ip_ka ?? null) : null,
        ib_ka: fed ? (full?.ib_ka ?? null) : null,
        ith_ka: fed ? (full?.ith_ka ?? null) : null,
      };
    }),
  };
}
