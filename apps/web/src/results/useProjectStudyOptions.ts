import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { trpc } from "../trpc.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import { fromStudySettings, loadStudyOptions, saveStudyOptions, toStudySettings } from "./study-options.ts";

/** Choosing a fault, typing tk…: saved once the user pauses this long. */
const SAVE_AFTER_MS = 600;

/** The project's study settings: what the editor opens with and saves as the user changes them. */
export const studySettingsQuery = (projectId: string) => ({
  ...trpc.projects.studySettings.get.queryOptions({ projectId }),
  // The editor owns the options once open: no background refetch may replace them.
  staleTime: Number.POSITIVE_INFINITY,
  refetchOnWindowFocus: false,
});

/**
 * The live study's options, saved with the project (projects.studySettings) when the user may
 * edit it, and in this browser (for a viewer, and for a project that never saved any). The
 * editor page loads the project's settings before this runs.
 */
export function useProjectStudyOptions(projectId: string, canEdit: boolean) {
  const stored = useQuery(studySettingsQuery(projectId));
  const [options, setOptions] = useState<LiveStudyOptions>(() =>
    stored.data?.saved ? fromStudySettings(stored.data.settings) : loadStudyOptions(projectId),
  );
  const save = useMutation(trpc.projects.studySettings.set.mutationOptions());
  const { mutate } = save;
  // Only the user's changes are saved: opening the editor writes nothing.
  const lastSaved = useRef(JSON.stringify(toStudySettings(options)));
  useEffect(() => {
    saveStudyOptions(projectId, options);
    if (!canEdit) return;
    const settings = toStudySettings(options);
    const json = JSON.stringify(settings);
    if (!settings || json === lastSaved.current) return;
    const timer = setTimeout(() => {
      mutate(
        { projectId, settings },
        {
          onSuccess: () => {
            lastSaved.current = json;
          },
        },
      );
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [projectId, canEdit, options, mutate]);
  return { options, setOptions, saving: save.isPending, saveError: save.error };
}
