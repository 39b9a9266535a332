import { useEffect } from "react";

export interface ShortcutHandlers {
  undo(): void;
  redo(): void;
  save(): void;
  remove(): void;
  escape(): void;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y), Ctrl+S, Delete/Backspace, Escape; not while typing in a field. */
export function useShortcuts(handlers: ShortcutHandlers, enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === "s") {
        event.preventDefault();
        handlers.save();
        return;
      }
      if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
      if (mod && key === "z") {
        event.preventDefault();
        if (event.shiftKey) handlers.redo();
        else handlers.undo();
      } else if (mod && key === "y") {
        event.preventDefault();
        handlers.redo();
      } else if (key === "delete" || key === "backspace") {
        event.preventDefault();
        handlers.remove();
      } else if (key === "escape") handlers.escape();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [handlers, enabled]);
}
