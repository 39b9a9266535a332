// The tools the model may call, run with the asking user's rights on ctx.project only: studies go
// through the simulations router (its role, archive and plan checks), version diffs through the
// circuits router. A refusal is returned to the model as the tool's result, so it can explain it.

import type { DocumentDiff } from "@ampflux/contracts";
import { circuitVersions, simulations } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { circuitsRouter } from "../routers/circuits.ts";
import { simulationsRouter } from "../routers/simulations.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { elementCollections } from "./collections.ts";
import type { ProjectCtx } from "./project-ctx.ts";
import type { ContextVersion } from "./project-data.ts";
import { faultRows, highestFaultCurrents, resultWarnings } from "./results.ts";
import { type ToolName, toolArguments } from "./tool-definitions.ts";

const LIST_PAGE = 50;
const DIFF_ITEMS = 30;
const TOP_FAULT_CURRENTS = 10;
const DUTY_CHECKS_SHOWN = 40;
const ARC_FLASH_BUSES_SHOWN = 40;
const LOAD_FLOW_ROWS_SHOWN = 40;
/** Refusals the model can explain to the user; anything else is the api's own failure. */
const REFUSALS = new Set<TRPCError["code"]>(["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND", "PRECONDITION_FAILED"]);

class ToolRefusal extends Error {}

const simulationsCallerOf = createCallerFactory(simulationsRouter);
/** In-process calls get values, never stored text (trpc/stored-json.ts), whatever the request. */
const simulationsCaller = (ctx: ProjectCtx) => simulationsCallerOf({ ...ctx, storedTextAnswers: false });
const circuitsCaller = createCallerFactory(circuitsRouter);

function requireVersion(version: ContextVersion | null): ContextVersion {
  if (!version) throw new ToolRefusal("the project has no saved network yet");
  return version;
}

type Handlers = {
  [Name in ToolName]: (
    ctx: ProjectCtx,
    version: ContextVersion | null,
    args: z.infer<(typeof toolArguments)[Name]>,
  ) => Promise<unknown>;
};

const handlers: Handlers = {
  async run_short_circuit(ctx, contextVersion, args) {
    const version = requireVersion(contextVersion);
    const caller = simulationsCaller(ctx);
    const run = await caller.run({
      projectId: ctx.project.id,
      version: version.version,
      study: { kind: "short_circuit", options: { fault: args.fault, case: args.case } },
    });
    const study = await caller.get({ projectId: ctx.project.id, simulationId: run.id });
    if (study.status !== "succeeded") {
      return {
        simulationId: run.id,
        status: study.status,
        error: study.error,
        note: study.status === "queued" ? "too large to run at once: the worker runs it" : undefined,
      };
    }
    const rows = faultRows(study.result);
    const asked = new Set(args.buses);
    return {
      simulationId: run.id,
      reusedEarlierStudy: run.cached,
      version: version.version,
      fault: args.fault,
      case: args.case,
      highestFaultCurrents: highestFaultCurrents(rows, TOP_FAULT_CURRENTS),
      busesAskedFor: rows.filter((row) => asked.has(row.bus)),
      unknownBuses: [...asked].filter((bus) => !rows.some((row) => row.bus === bus)),
      busesNotFed: rows.filter((row) => row.ikss_ka === null).map((row) => row.bus),
      warnings: resultWarnings(study.result),
    };
  },

  async get_bus_results(ctx, contextVersion, { bus }) {
    const version = requireVersion(contextVersion);
    if (!version.document.buses.some((b) => b.id === bus))
      throw new ToolRefusal(`version ${version.version} has no bus "${bus}"`);
    const rows = await ctx.deps.database.db.execute<{ id: string; options: unknown; row: unknown }>(sql`
      select s.id, s.options, r.row
      from ${simulations} s,
        json_array_elements(coalesce(s.result -> 'buses', s.result -> 'worst')) as r(row)
      where s.project_id = ${ctx.project.id} and s.circuit_version_id = ${version.id}
        and s.status = 'succeeded' and r.row ->> 'bus' = ${bus}
      order by s.created_at desc
      limit 1`);
    const [latest] = rows;
    if (!latest) {
      throw new ToolRefusal(
        `no stored result for bus "${bus}" in version ${version.version}: run_short_circuit computes one`,
      );
    }
    return { simulationId: latest.id, options: latest.options, result: latest.row };
  },

  async explain_bus_result(ctx, contextVersion, { bus, ...options }) {
    const version = requireVersion(contextVersion);
    if (!version.document.buses.some((b) => b.id === bus))
      throw new ToolRefusal(`version ${version.version} has no bus "${bus}"`);
    const explanation = await simulationsCaller(ctx).explain({
      projectId: ctx.project.id,
      version: version.version,
      options,
      bus,
    });
    return { version: version.version, explanation };
  },

  async list_elements(_ctx, contextVersion, { collection, offset }) {
    const version = requireVersion(contextVersion);
    const elements = elementCollections(version.document).find(([name]) => name === collection)?.[1] ?? [];
    // Plain fields only: diagram positions mean nothing to the model.
    const page = elements
      .slice(offset, offset + LIST_PAGE)
      .map((element) => Object.fromEntries(Object.entries(element).filter(([, v]) => typeof v !== "object")));
    return {
      collection,
      total: elements.length,
      offset,
      elements: page,
      more: offset + LIST_PAGE < elements.length,
    };
  },

  async compare_versions(ctx, _version, { from, to }) {
    const diff = await circuitsCaller(ctx).diff({ projectId: ctx.project.id, from, to });
    const summary = (changes: DocumentDiff["added"]) => ({
      count: changes.length,
      items: changes.slice(0, DIFF_ITEMS),
    });
    return {
      from,
      to,
      added: summary(diff.added),
      removed: summary(diff.removed),
      changed: summary(diff.changed),
      properties: diff.properties,
    };
  },

  async get_duty_results(ctx, contextVersion, { status }) {
    const study = await latestStudyWith(ctx, "duty");
    if (!study) {
      return {
        dutyEvaluated: false,
        message:
          "No stored study of this project has duty results: duty has not been evaluated. Run a short-circuit or batch study with duty on (the Duty tab, or ampflux study --duty) to evaluate it.",
      };
    }
    const duty = await simulationsCaller(ctx).duty({
      projectId: ctx.project.id,
      simulationId: study.id,
      filter: { status },
    });
    return {
      dutyEvaluated: true,
      simulationId: duty.simulationId,
      studyKind: duty.kind,
      finishedAt: duty.finishedAt,
      version: study.version,
      versionInContext: contextVersion?.version ?? null,
      dutyCurrent: duty.dutyCurrent,
      summary: duty.summary,
      checksInStudy: duty.total,
      checksMatching: duty.matching,
      checks: duty.checks.slice(0, DUTY_CHECKS_SHOWN),
      more: duty.matching > DUTY_CHECKS_SHOWN,
    };
  },

  async get_arc_flash_results(ctx, contextVersion, filter) {
    const study = await latestStudyWith(ctx, "arc_flash");
    if (!study) {
      return {
        arcFlashEvaluated: false,
        message:
          "No stored study of this project has arc-flash results: arc flash has not been evaluated. Run a 3ph short-circuit study with arc flash on (the Arc flash tab, or ampflux study --arc-flash) to evaluate it.",
      };
    }
    const view = await simulationsCaller(ctx).arcFlash({
      projectId: ctx.project.id,
      simulationId: study.id,
      filter,
    });
    return {
      arcFlashEvaluated: true,
      standard: "IEEE 1584-2018; PPE categories NFPA 70E-2021 Table 130.7(C)(15)(c)",
      simulationId: view.simulationId,
      finishedAt: view.finishedAt,
      version: study.version,
      versionInContext: contextVersion?.version ?? null,
      studyCase: view.studyCase,
      maxDurationS: view.maxDurationS,
      summary: view.summary,
      busesInStudy: view.total,
      busesMatching: view.matching,
      results: view.results.slice(0, ARC_FLASH_BUSES_SHOWN),
      more: view.matching > ARC_FLASH_BUSES_SHOWN,
    };
  },

  async get_load_flow_results(ctx, contextVersion, filter) {
    const [study] = await ctx.deps.database.db
      .select({ id: simulations.id, version: circuitVersions.version })
      .from(simulations)
      .innerJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
      .where(
        and(
          eq(simulations.projectId, ctx.project.id),
          eq(simulations.kind, "load_flow"),
          eq(simulations.status, "succeeded"),
        ),
      )
      .orderBy(desc(simulations.finishedAt))
      .limit(1);
    if (!study) {
      return {
        loadFlowRun: false,
        message:
          "No load flow of this project is stored: run one (the editor's Load flow tab, or a load_flow study) before discussing voltages and loadings.",
      };
    }
    const view = await simulationsCaller(ctx).loadFlow({
      projectId: ctx.project.id,
      simulationId: study.id,
      filter: { ...filter, limit: LOAD_FLOW_ROWS_SHOWN },
    });
    return {
      loadFlowRun: true,
      simulationId: view.simulationId,
      finishedAt: view.finishedAt,
      version: study.version,
      versionInContext: contextVersion?.version ?? null,
      limits: view.limits,
      summary: view.summary,
      buses: view.buses.map(({ bus, type, vm_pu, va_degree, violation }) => ({
        bus,
        type,
        vm_pu,
        va_degree,
        violation,
      })),
      branches: view.branches.map(({ id, from_bus, to_bus, loading_percent, violation }) => ({
        id,
        from_bus,
        to_bus,
        loading_percent,
        violation,
      })),
      busesMatching: view.matching.buses,
      branchesMatching: view.matching.branches,
      more: view.matching.buses > view.buses.length || view.matching.branches > view.branches.length,
      warnings: view.warnings,
    };
  },
};

/**
 * The project's latest succeeded study whose stored result has `key` (duty checks, arc-flash
 * results): the assistant answers duty and arc-flash questions from these only, never from its
 * own estimate.
 */
async function latestStudyWith(ctx: ProjectCtx, key: "duty" | "arc_flash") {
  const [row] = await ctx.deps.database.db
    .select({ id: simulations.id, version: circuitVersions.version })
    .from(simulations)
    .innerJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
    .where(
      and(
        eq(simulations.projectId, ctx.project.id),
        eq(simulations.status, "succeeded"),
        // key is one of two literals, never user input.
        isNotNull(sql`${simulations.result} -> ${sql.raw(`'${key}'`)}`),
      ),
    )
    .orderBy(desc(simulations.finishedAt))
    .limit(1);
  return row;
}

export interface ToolOutcome {
  /** What the model receives: the result, or `{ "error": … }`. */
  content: string;
  error?: string;
}

const isToolName = (name: string): name is ToolName => Object.hasOwn(handlers, name);

/** Runs one tool call of the model; refusals and bad arguments come back as the tool's result. */
export async function runTool(
  ctx: ProjectCtx,
  version: ContextVersion | null,
  name: string,
  rawArguments: string,
): Promise<ToolOutcome> {
  try {
    if (!isToolName(name)) throw new ToolRefusal(`there is no tool "${name}"`);
    let json: unknown;
    try {
      json = JSON.parse(rawArguments || "{}");
    } catch {
      throw new ToolRefusal("the arguments are not valid JSON");
    }
    const parsed = toolArguments[name].safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`);
      throw new ToolRefusal(`invalid arguments: ${issues.join("; ")}`);
    }
    const handler = handlers[name] as (
      c: ProjectCtx,
      v: ContextVersion | null,
      a: unknown,
    ) => Promise<unknown>;
    return { content: JSON.stringify(await handler(ctx, version, parsed.data)) };
  } catch (error) {
    const refused = error instanceof ToolRefusal || (error instanceof TRPCError && REFUSALS.has(error.code));
    if (!refused) throw error;
    const message = (error as Error).message;
    return { content: JSON.stringify({ error: message }), error: message };
  }
}
