import type { DutyCheck, FaultStudyOptions } from "@ampflux/contracts";
import { DutyChecksView } from "../results/DutyChecksView.tsx";

/**
 * A stored study's duty checks (kept with its result): the same view as the editor's Duty tab; a
 * batch study's rows say which fault, case and outage gave each worst value.
 */
export function StoredDuty({
  checks,
  simulationId,
  kind,
  options,
}: {
  checks: DutyCheck[];
  simulationId: string;
  kind: string;
  options: FaultStudyOptions;
}) {
  const current = options.duty_current === "through" ? "through the device" : "total at the bus";
  return (
    <section className="stack" aria-labelledby="stored-duty-title" data-testid="stored-duty">
      <h3 id="stored-duty-title">Duty ({current})</h3>
      <DutyChecksView
        checks={checks}
        fileName={`duty-${simulationId}`}
        provenance={{
          comment: `IEC 60909-0:2016, ${kind} ${simulationId}, duty current ${options.duty_current}`,
          fields: { simulation: simulationId, kind, options },
        }}
      />
    </section>
  );
}
