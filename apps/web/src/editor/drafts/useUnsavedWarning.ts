import { useEffect } from "react";
import { useBlocker } from "react-router";

/**
 * While there are unsaved edits: the browser asks before the page is reloaded or closed
 * (beforeunload), and a link to another page of the app is held until the user decides
 * (`blocker.state === "blocked"`: proceed or reset). Moving within the project's editor is free.
 */
export function useUnsavedWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  return useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
}
