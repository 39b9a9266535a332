import type { FeatureFlag } from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

const LABELS: Record<FeatureFlag, string> = {
  ai_assistant: "AI assistant",
  batch_studies: "Batch studies",
  email_notifications: "Email notifications",
  realtime_collaboration: "Live collaboration",
};

type Choice = "default" | "on" | "off";
const choiceOf = (override: boolean | null): Choice =>
  override === null ? "default" : override ? "on" : "off";
const overrideOf = (choice: Choice): boolean | null => (choice === "default" ? null : choice === "on");

/** The company's feature flags: the admin's choice within what the licence allows. */
export function FeaturesPanel() {
  const queryClient = useQueryClient();
  const features = useQuery(trpc.features.list.queryOptions());
  const set = useMutation(
    trpc.features.set.mutationOptions({
      onSuccess: (states) => queryClient.setQueryData(trpc.features.list.queryKey(), states),
    }),
  );
  return (
    <section className="card stack" aria-labelledby="features-title">
      <h2 id="features-title">Features</h2>
      <ErrorMessage error={set.error} />
      {features.isPending ? (
        <Loading />
      ) : features.isError ? (
        <ErrorMessage error={features.error} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>Feature</th>
              <th>For the company</th>
              <th>In force</th>
            </tr>
          </thead>
          <tbody>
            {features.data.map((f) => (
              <tr key={f.flag}>
                <td>{LABELS[f.flag]}</td>
                <td>
                  <select
                    aria-label={`${LABELS[f.flag]} for the company`}
                    value={choiceOf(f.override)}
                    disabled={set.isPending}
                    onChange={(e) =>
                      set.mutate({ flag: f.flag, enabled: overrideOf(e.target.value as Choice) })
                    }
                  >
                    <option value="default">Default ({f.default ? "on" : "off"})</option>
                    <option value="on" disabled={!f.licensed}>
                      On
                    </option>
                    <option value="off">Off</option>
                  </select>
                </td>
                <td>{f.enabled ? "on" : f.licensed ? "off" : "off: not in your licence"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
