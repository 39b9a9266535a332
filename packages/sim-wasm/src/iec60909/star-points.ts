// How star points are earthed, said once per study for earth faults, so that a solidly earthed
// winding (no neutral impedance given) and an isolated generator (no zero-sequence data) are
// visibly distinct from one earthed through R_N + jX_N (IEC 60909-0:2016 §6.3, §6.6.1: 3·Z_N).

import type { NetworkDocument, NetworkIssue } from "@ampflux/contracts";
import { parseVectorGroup } from "./windings.ts";

/** The first ten ids, and "…" when there are more. */
export const listedIds = (ids: string[]) => `${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ", …" : ""}`;

export function starPointWarnings(doc: NetworkDocument): NetworkIssue[] {
  const solid = doc.transformers.filter((t) => {
    if (!t.in_service || t.vector_group === undefined) return false;
    const earthed = parseVectorGroup(t.vector_group).zero.some((c) => c.startsWith("earthed"));
    return earthed && t.rn_ohm === undefined && t.xn_ohm === undefined;
  });
  const isolated = doc.generators.filter((g) => g.in_service && g.x0_pu === undefined);
  const solidGens = doc.generators.filter(
    (g) => g.in_service && g.x0_pu !== undefined && g.rn_ohm === undefined && g.xn_ohm === undefined,
  );
  const issues: NetworkIssue[] = [];
  if (solid.length > 0)
    issues.push({
      path: ["transformers"],
      message: `${solid.length} transformer star point(s) solidly earthed (YN/ZN without rn_ohm/xn_ohm): ${listedIds(solid.map((t) => t.id))}`,
    });
  if (solidGens.length > 0)
    issues.push({
      path: ["generators"],
      message: `${solidGens.length} generator star point(s) solidly earthed (x0_pu without rn_ohm/xn_ohm): ${listedIds(solidGens.map((g) => g.id))}`,
    });
  if (isolated.length > 0)
    issues.push({
      path: ["generators"],
      message: `${isolated.length} generator star point(s) isolated (no x0_pu): ${listedIds(isolated.map((g) => g.id))}`,
    });
  return issues;
}

/** The generators without negative-sequence data: X(2)G = X''d assumed (IEC 60909-0:2016 §6.6.1). */
export function negativeSequenceWarning(doc: NetworkDocument): NetworkIssue[] {
  const assumed = doc.generators.filter(
    (g) => g.in_service && g.x2_pu === undefined && g.r2_ohm === undefined,
  );
  return assumed.length === 0
    ? []
    : [
        {
          path: ["generators"],
          message: `negative sequence of ${assumed.length} generator(s) without x2_pu: X(2) = X''d assumed (IEC 60909-0:2016 §6.6.1), so their Z(2) = Z(1): ${listedIds(assumed.map((g) => g.id))}`,
        },
      ];
}
