// Network document → per-unit sequence networks with every IEC 60909 correction applied.

import type { Impedance, Line, NetworkDocument, Transformer, Transformer3w } from "@ampflux/contracts";
import { type ArrayAllocator, freshArrays } from "../scratch-arrays.ts";
import { addLine, addTransformer, addTransformer3w } from "./branches.ts";
import { BuildContext } from "./context.ts";
import { addEarthingTransformer, addImpedance } from "./impedance-elements.ts";
import type { CorrectionFactors } from "./kernels.ts";
import type { ModelOptions, ShortCircuitModel } from "./model.ts";
import { addExternalGrid, addGenerator, addMotor, addStaticGenerator } from "./sources.ts";
import { starPointWarnings } from "./star-points.ts";

/**
 * `zeroSequence` false: the zero-sequence network (and its warnings) is left empty, for studies
 * without an earth fault — on case9241pegase about a third of the model's work and objects.
 * `arrays`: where the series elements' numeric fields go (a study's scratch arrays, given back
 * when the study is disposed; fresh ones by default).
 */
export function buildModel(
  doc: NetworkDocument,
  options: ModelOptions,
  factors: CorrectionFactors,
  { zeroSequence = true, arrays = freshArrays }: { zeroSequence?: boolean; arrays?: ArrayAllocator } = {},
): ShortCircuitModel {
  const ctx = new BuildContext(doc, options, factors, zeroSequence, arrays);
  // Indexed loops: entries() gives each element as a fresh [index, element] pair.
  const { lines, transformers, transformers3w, impedances } = doc;
  for (let i = 0; i < lines.length; i++) addLine(ctx, lines[i] as Line, i);
  for (let i = 0; i < transformers.length; i++) addTransformer(ctx, transformers[i] as Transformer, i);
  for (let i = 0; i < transformers3w.length; i++)
    addTransformer3w(ctx, transformers3w[i] as Transformer3w, i);
  for (let i = 0; i < impedances.length; i++) addImpedance(ctx, impedances[i] as Impedance, i);
  for (const t of doc.earthing_transformers) addEarthingTransformer(ctx, t);
  for (const grid of doc.external_grids) addExternalGrid(ctx, grid);
  for (const gen of doc.generators) addGenerator(ctx, gen);
  for (const motor of doc.motors) addMotor(ctx, motor);
  for (const sgen of doc.static_generators) addStaticGenerator(ctx, sgen);
  if (zeroSequence)
    ctx.model.earthFaultWarnings.push(...ctx.zeroSequenceAssumed.warnings(doc), ...starPointWarnings(doc));
  return ctx.model;
}
