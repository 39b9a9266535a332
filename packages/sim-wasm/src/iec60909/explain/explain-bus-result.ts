// explainBusResult(): "why this number" for one bus of an IEC 60909-0:2016 study. It runs the
// study for that bus (with its branch currents) through the same ShortCircuitStudies as every
// study, then reads the engine's own intermediate numbers — c per node, Z(1)/Z(0) at the fault,
// the kernel's sequence currents and κ's R/X, the sources' corrected impedances and factors —
// and explains each result from them (one file per quantity in this folder).

import {
  type BusResultExplanation,
  type ExplainOptionsInput,
  explainOptionsSchema,
} from "@ampflux/contracts";
import type { SimExports } from "../../loader.ts";
import { cx } from "../complex.ts";
import { parseOptions, ShortCircuitInputError } from "../errors.ts";
import { BUS_RESULT_STRIDE } from "../kernels.ts";
import { baseCurrentKa, baseImpedanceOhm } from "../model.ts";
import { ShortCircuitStudies } from "../short-circuit-studies.ts";
import { parseSingleStudyOptions } from "../study-options.ts";
import { ValidatedNetwork } from "../validated-network.ts";
import { explainBreaking } from "./breaking.ts";
import { explainContributions, transferColumn } from "./contributions.ts";
import { explainFormula, impedance } from "./impedances.ts";
import { explainPeak } from "./peak.ts";
import { explainThermal } from "./thermal.ts";
import { explainVoltageFactor } from "./voltage-factor.ts";

const invalid = (path: Array<string | number>, message: string) =>
  new ShortCircuitInputError("invalid options", [{ path, message }]);

/**
 * Explains the result of `busId` for a study with `optionsInput` (contracts' explainOptionsSchema).
 * Throws ShortCircuitInputError for invalid options, an unknown bus or one no source feeds.
 */
export function explainBusResult(
  sim: SimExports,
  network: ValidatedNetwork | unknown,
  optionsInput: ExplainOptionsInput,
  busId: string,
): BusResultExplanation {
  const validated = ValidatedNetwork.is(network) ? network : ValidatedNetwork.check(network);
  const explained = parseOptions(explainOptionsSchema, optionsInput ?? {});
  if (!validated.document.buses.some((b) => b.id === busId)) throw invalid(["bus"], `unknown bus "${busId}"`);
  const options = parseSingleStudyOptions(validated, { ...explained, buses: [busId], branches: true });
  const { fault, case: studyCase, line_faults: _none, ...common } = options;
  const studies = new ShortCircuitStudies(sim, validated, { ...common, faults: [fault], cases: [studyCase] });
  try {
    const result = studies.run(fault, studyCase);
    const networks = studies.caseNetworks(studyCase);
    const raw = studies.lastBusOutput;
    const bus = result.buses[0];
    if (!networks || !raw || !bus) throw new Error("the study kept no networks to explain");
    if (!bus.fed || bus.ikss_ka === null)
      throw invalid(["bus"], `bus "${busId}" is fed by no source: I''k = 0`);
    const { model, positive: pos } = networks;
    const node = model.nodeOfBus.get(busId) ?? -1;
    const k = pos.index[node] ?? -1;
    const kv = model.baseKv[node] ?? 1;
    const baseKa = baseCurrentKa(kv);
    const out = (i: number) => raw[k * BUS_RESULT_STRIDE + i] ?? 0;
    const sequence = { i1: cx(out(6), out(7)), i2: cx(out(8), out(9)), i0: cx(out(10), out(11)) };
    const c = pos.c[k] ?? 1;
    const converterVoltage = pos.sourceVoltage[k] ?? 0;
    const earth = fault === "1ph" || fault === "2ph_earth";
    const hasZ0 = bus.r0_ohm !== null && bus.x0_ohm !== null;
    const zf = options.r_fault_ohm !== 0 || options.x_fault_ohm !== 0;
    const z1 = impedance(bus.rk_ohm ?? 0, bus.xk_ohm ?? 0);
    // Z(2) as the kernel used it: the negative-sequence network's when a generator's X(2)G differs.
    const zBase = baseImpedanceOhm(kv);
    const z2 =
      fault !== "3ph" && networks.z2
        ? impedance((networks.z2[2 * k] ?? 0) * zBase, (networks.z2[2 * k + 1] ?? 0) * zBase)
        : z1;
    const zff = cx(pos.z1[2 * k] ?? 0, pos.z1[2 * k + 1] ?? 0);
    const contributions = explainContributions({
      sim,
      model,
      faultNode: node,
      positiveIndex: pos.index,
      sequence,
      c,
      converterVoltage,
      earth: earth && hasZ0,
      baseKa,
    });
    return {
      bus: busId,
      fault,
      case: studyCase,
      standard: "IEC 60909-0:2016",
      result: {
        ikss_ka: bus.ikss_ka,
        ip_ka: bus.ip_ka ?? 0,
        ib_ka: bus.ib_ka ?? 0,
        ith_ka: bus.ith_ka ?? 0,
        ike_ka: bus.ike_ka ?? 0,
        skss_mva: bus.skss_mva ?? 0,
      },
      voltage_factor: explainVoltageFactor(options, kv, c, model.prefault !== undefined),
      impedances: {
        z1,
        z2,
        z0: earth && hasZ0 ? impedance(bus.r0_ohm ?? 0, bus.x0_ohm ?? 0) : null,
        zf: zf ? impedance(options.r_fault_ohm, options.x_fault_ohm) : null,
      },
      formula: explainFormula(options, converterVoltage > 0),
      contributions,
      peak: explainPeak({
        options,
        fHz: validated.document.frequency_hz,
        rOverX: out(12),
        kappa: bus.kappa ?? 0,
        ipKa: bus.ip_ka ?? 0,
        lowVoltage: kv <= 1,
        allBranchesRxBelow03: model.allBranchesRxBelow03,
        converters: converterVoltage > 0,
      }),
      breaking: explainBreaking({
        sim,
        model,
        options,
        transfer: fault === "3ph" ? transferColumn(sim, model.positive, pos.index, node) : () => undefined,
        zff,
        c,
        ikssKa: bus.ikss_ka,
        ibKa: bus.ib_ka ?? 0,
        baseKa,
      }),
      thermal: explainThermal(
        sim,
        bus.ikss_ka,
        bus.kappa ?? 0,
        validated.document.frequency_hz,
        options.tk_s,
        bus.ith_ka ?? 0,
      ),
      transformer_factors: model.transformerFactors,
      branches: result.branches.filter((b) => b.fault_bus === busId).map(({ fault_bus: _f, ...b }) => b),
    };
  } finally {
    studies.dispose();
  }
}
