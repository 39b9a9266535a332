// A network document that passed contracts' validateNetwork, carried with that validation's
// warnings so a study does not validate it again. Callers validate once per study (when they
// load the document) and hand the engine this object; a batch derives its contingency variants
// from it without validating each one.

import {
  busSchema,
  type NetworkDocument,
  type NetworkIssue,
  type NetworkValidation,
  validateNetwork,
} from "@ampflux/contracts";
import { ShortCircuitInputError } from "./errors.ts";

export class ValidatedNetwork {
  /** The document with the schema's defaults filled in. */
  readonly document: NetworkDocument;
  /** validateNetwork's warnings; a study reports them first. */
  readonly warnings: readonly NetworkIssue[];
  // Only this module makes instances, so holding one means the document was validated.
  readonly #validated = true;

  private constructor(document: NetworkDocument, warnings: readonly NetworkIssue[]) {
    this.document = document;
    this.warnings = warnings;
  }

  /** Validates `input`; throws ShortCircuitInputError("invalid network") with its issues. */
  static check(input: unknown): ValidatedNetwork {
    return ValidatedNetwork.fromValidation(validateNetwork(input));
  }

  /** Wraps what contracts' validateNetwork returned, when it accepted the document. */
  static fromValidation(validation: NetworkValidation): ValidatedNetwork {
    if (!validation.ok || !validation.document)
      throw new ShortCircuitInputError("invalid network", validation.errors);
    return new ValidatedNetwork(validation.document, validation.warnings);
  }

  static is(value: unknown): value is ValidatedNetwork {
    return typeof value === "object" && value !== null && #validated in value;
  }

  /**
   * The same network with the elements `ids` out of service: a branch (an N-1 contingency), or
   * an outage that takes more than one element, e.g. a unit transformer with its generator. Ids
   * are unique across the document, so no collection needs naming. Validation does not look at
   * `in_service` (shape, ids, references, rated voltages), so the variant is exactly as valid as
   * this network and has the same warnings; collections without any of the ids are shared.
   */
  withOutOfService(...ids: string[]): ValidatedNetwork {
    const out = new Set(ids);
    const doc = this.document;
    const switched = <T extends { id: string; in_service: boolean }>(list: T[]): T[] =>
      list.some((e) => out.has(e.id))
        ? list.map((e) => (out.has(e.id) ? { ...e, in_service: false } : e))
        : list;
    const document: NetworkDocument = {
      ...doc,
      lines: switched(doc.lines),
      transformers: switched(doc.transformers),
      transformers3w: switched(doc.transformers3w),
      impedances: switched(doc.impedances),
      generators: switched(doc.generators),
    };
    return new ValidatedNetwork(document, this.warnings);
  }

  /**
   * The same network with line `id` cut at `position` (fraction of its length from from_bus) by a
   * new bus `busId` at from_bus's rated voltage: two lines `partIds` with the line's per-km data,
   * of length position·ℓ and (1 − position)·ℓ. Validation accepts it as it accepts this network
   * (new ids unique, lengths positive, same references), so the warnings carry over.
   */
  withLineSplit(id: string, position: number, busId: string, partIds: [string, string]): ValidatedNetwork {
    const doc = this.document;
    const line = doc.lines.find((l) => l.id === id);
    if (!line) throw new RangeError(`no line "${id}"`);
    const from = doc.buses.find((b) => b.id === line.from_bus);
    const point = busSchema.parse({ id: busId, vn_kv: from?.vn_kv ?? 1, in_service: line.in_service });
    const parts = [
      { ...line, id: partIds[0], to_bus: busId, length_km: line.length_km * position },
      { ...line, id: partIds[1], from_bus: busId, length_km: line.length_km * (1 - position) },
    ];
    const document: NetworkDocument = {
      ...doc,
      buses: [...doc.buses, point],
      lines: doc.lines.flatMap((l) => (l.id === id ? parts : [l])),
    };
    return new ValidatedNetwork(document, this.warnings);
  }
}
