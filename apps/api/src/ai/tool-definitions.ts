// The tools' arguments as zod schemas: they validate what the model sends, and their JSON Schema
// is what the model is told.

import {
  ARC_FLASH_STATUSES,
  DUTY_STATUSES,
  ELEMENT_COLLECTIONS,
  FAULT_TYPES,
  STUDY_CASES,
} from "@ampflux/contracts";
import type { ChatCompletionFunctionTool } from "openai/resources/chat/completions";
import { z } from "zod";

export const toolArguments = {
  run_short_circuit: z.object({
    fault: z.enum(FAULT_TYPES).default("3ph").describe("3ph, 2ph (line-line), 1ph (line-earth), 2ph_earth"),
    case: z.enum(STUDY_CASES).default("max").describe("max: equipment rating; min: protection settings"),
    buses: z
      .array(z.string().min(1))
      .max(50)
      .optional()
      .describe("bus ids whose rows to return besides the highest fault currents"),
  }),
  get_bus_results: z.object({ bus: z.string().min(1).describe("bus id") }),
  explain_bus_result: z.object({
    bus: z.string().min(1).describe("bus id"),
    fault: z.enum(FAULT_TYPES).default("3ph").describe("3ph, 2ph (line-line), 1ph (line-earth), 2ph_earth"),
    case: z.enum(STUDY_CASES).default("max").describe("max: equipment rating; min: protection settings"),
    kappa_method: z.enum(["B", "C"]).default("C").describe("peak factor method (IEC 60909-0 eq. 58 or 59)"),
    tmin_s: z.number().positive().max(10).default(0.1).describe("minimum time delay for Ib, s"),
    tk_s: z.number().positive().max(10).default(1).describe("fault duration for Ith, s"),
  }),
  list_elements: z.object({
    collection: z.enum(ELEMENT_COLLECTIONS),
    offset: z.number().int().min(0).default(0).describe("for the next page"),
  }),
  compare_versions: z.object({
    from: z.number().int().min(1).describe("older version number"),
    to: z.number().int().min(1).describe("newer version number"),
  }),
  get_duty_results: z.object({
    status: z
      .array(z.enum(DUTY_STATUSES))
      .max(DUTY_STATUSES.length)
      .optional()
      .describe('only checks with these statuses, e.g. ["overdutied", "warning"]; all when omitted'),
  }),
  get_arc_flash_results: z.object({
    status: z
      .array(z.enum(ARC_FLASH_STATUSES))
      .max(ARC_FLASH_STATUSES.length)
      .optional()
      .describe('only buses with these statuses, e.g. ["out_of_range", "missing_data"]; all when omitted'),
    buses: z.array(z.string().min(1)).max(50).optional().describe("only these bus ids"),
    min_energy_cal_cm2: z
      .number()
      .min(0)
      .max(1_000)
      .optional()
      .describe("only buses with at least this incident energy (cal/cm²)"),
    sort: z
      .enum(["bus", "energy"])
      .default("energy")
      .describe("energy: highest incident energy first; bus: network order"),
  }),
  get_load_flow_results: z.object({
    violations_only: z
      .boolean()
      .default(true)
      .describe("true: only buses out of the voltage limits and overloaded branches; false: every row"),
    buses: z
      .array(z.string().min(1))
      .max(50)
      .optional()
      .describe("only these bus ids (and branches at them)"),
  }),
};

export type ToolName = keyof typeof toolArguments;

const descriptions: Record<ToolName, string> = {
  get_load_flow_results:
    "The project's latest stored load flow: whether it converged, the voltage limits and loading limit it was checked against, the buses whose voltage is out of limits (Vm in pu, Va in degrees) and the overloaded branches (loading %), with counts, the lowest and highest voltage, the most loaded branch and the losses; says so when no load flow is stored.",
  run_short_circuit:
    "Runs an IEC 60909 short-circuit study on the network version in context and returns the highest fault currents, the rows of the buses asked for, and warnings. Reuses an identical earlier study.",
  get_bus_results:
    "The latest stored short-circuit result row of one bus in the network version in context (I''k, ip, Ib, Ith, S''k, impedances).",
  explain_bus_result:
    "Why one bus's short-circuit numbers are what they are, computed by the engine for the network version in context: the voltage factor c and its IEC 60909-0 Table 1 row, Z(1)/Z(2)/Z(0) at the fault and the fault type's formula with its equation, each source's partial current (kA, angle) with the correction factors applied (K_G, K_S, K_SO, K_T) and their clauses, the κ method and R/X used, μ and q per machine for Ib, m and n for Ith, and the branch currents at that fault.",
  list_elements:
    "Lists elements of one collection of the network version in context with their fields, 50 at a time.",
  compare_versions:
    "What changed between two saved versions of the project's network: elements added, removed and changed (with the fields).",
  get_duty_results:
    "The equipment duty checks (breakers, switchboards, cables, transformers against their ratings) of the project's latest stored study that evaluated duty, worst first, with the study id, version and time; says so when no stored study has duty results.",
  get_arc_flash_results:
    "The IEEE 1584-2018 arc-flash results (per bus: incident energy, arc-flash boundary, PPE category, arcing currents, clearing devices and times, defaulted inputs, reasons for no result) of the project's latest stored study that evaluated arc flash, with the study id, version, time and counts per status and PPE category; says so when no stored study has arc-flash results.",
};

function parameters(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: "input" });
  return json;
}

export const toolDefinitions: ChatCompletionFunctionTool[] = Object.entries(toolArguments).map(
  ([name, schema]) => ({
    type: "function",
    function: { name, description: descriptions[name as ToolName], parameters: parameters(schema) },
  }),
);
