import type { NetworkDocument } from "./document.ts";
import type { Finding } from "./issues.ts";

const EQUIVALENT =
  "negative resistance: a network-reduction equivalent, not a physical element (kept as given; IEC 60909 eq. 31's end-temperature rise is not applied to it)";

/**
 * Marks the branches whose resistance is negative. Reduced networks (PEGASE's, PSS/E equivalents)
 * carry such branches and load flows need them as they are; no real line or transformer has one,
 * so a typing slip is caught here too.
 */
export function negativeResistances(doc: NetworkDocument): Finding[] {
  const findings: Finding[] = [];
  doc.lines.forEach((line, index) => {
    if (line.r_ohm_per_km < 0)
      findings.push({ severity: "warning", path: ["lines", index, "r_ohm_per_km"], message: EQUIVALENT });
  });
  doc.transformers.forEach((trafo, index) => {
    if (trafo.vkr_percent < 0)
      findings.push({
        severity: "warning",
        path: ["transformers", index, "vkr_percent"],
        message: EQUIVALENT,
      });
  });
  return findings;
}
