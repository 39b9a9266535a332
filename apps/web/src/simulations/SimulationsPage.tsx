import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useFeature } from "../features/useFeatures.ts";
import { useProject } from "../projects/useProject.ts";
import { trpc } from "../trpc.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { BatchStudyForm } from "./BatchStudyForm.tsx";
import { OutageScreeningForm } from "./OutageScreeningForm.tsx";
import { SimulationDetail } from "./SimulationDetail.tsx";
import { SimulationList } from "./SimulationList.tsx";

/** Queue batch studies on the latest saved version, watch them run, open their results. */
export function SimulationsPage() {
  const { project, canEdit } = useProject();
  const [openId, setOpenId] = useState<string | null>(null);
  const latest = useQuery(trpc.circuits.get.queryOptions({ projectId: project.id }));
  const batchStudies = useFeature("batch_studies");
  return (
    <main className="page simulations-page">
      <div className="grid-2">
        <section className="card stack" aria-labelledby="batch-title">
          <h2 id="batch-title">New batch study</h2>
          {!batchStudies ? (
            <EmptyState title="Batch studies are off">
              Your company's plan or its administrator has turned batch studies off.
            </EmptyState>
          ) : latest.isPending ? (
            <Loading />
          ) : latest.isError ? (
            <ErrorMessage error={latest.error} />
          ) : !latest.data ? (
            <EmptyState title="Nothing to study yet">
              Save a version of the network in the editor first.
            </EmptyState>
          ) : (
            <>
              <BatchStudyForm
                projectId={project.id}
                version={latest.data.version}
                document={latest.data.document}
                disabled={!canEdit}
                onQueued={setOpenId}
              />
              <h2>N-1 screening</h2>
              <OutageScreeningForm
                projectId={project.id}
                version={latest.data.version}
                disabled={!canEdit}
                onQueued={setOpenId}
              />
            </>
          )}
        </section>
        <section className="card stack" aria-labelledby="sims-title">
          <h2 id="sims-title">Studies</h2>
          <SimulationList projectId={project.id} openId={openId} onOpen={setOpenId} />
        </section>
      </div>
      {openId && <SimulationDetail projectId={project.id} simulationId={openId} canEdit={canEdit} />}
    </main>
  );
}
