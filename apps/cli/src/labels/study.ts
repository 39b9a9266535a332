// What the labels say about the study: the user's --project, --network and --date, else what
// the source knows (a stored study), else a stated default, each default told on stderr.

import type { ArcFlashLabelStudy, ArcFlashResult } from "@ampflux/contracts";
import type { LabelRequest } from "./request.ts";

export interface LabelInput {
  results: ArcFlashResult[];
  /** Bus names by id, where the source has them. */
  names: ReadonlyMap<string, string>;
  /** What the source knows about the study. */
  defaults: { project?: string; network?: string; date?: string | undefined };
}

export function labelStudy(
  request: LabelRequest,
  input: LabelInput,
  today: string,
): { study: ArcFlashLabelStudy; notes: string[] } {
  const notes: string[] = [];
  const pick = (given: string | undefined, known: string | undefined, fallback: string, why: string) => {
    if (given !== undefined) return given;
    if (known !== undefined) return known;
    notes.push(why);
    return fallback;
  };
  return {
    study: {
      project: pick(
        request.project,
        input.defaults.project,
        "project not given",
        'no --project: the labels say "project not given"',
      ),
      network: pick(
        request.network,
        input.defaults.network,
        "network not given",
        'no --network: the labels say "network not given"',
      ),
      study_date: pick(
        request.date,
        input.defaults.date,
        today,
        `no --date: the labels are dated today, ${today}`,
      ),
    },
    notes,
  };
}
