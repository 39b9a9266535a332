// The project context sent with each question, trimmed to AI_CONTEXT_TOKEN_BUDGET: sections are
// filled in order of relevance, line by line, until the budget is spent.

import { type ContextSection, contextSections } from "./context-sections.ts";
import type { ProjectData } from "./project-data.ts";

/** The usual rule of thumb for English text and JSON with OpenAI's tokenizers. */
const CHARS_PER_TOKEN = 4;
/** Kept free for the closing note on what was left out. */
const NOTE_RESERVE_CHARS = 300;

export const estimateTokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);

export function fitToBudget(sections: ContextSection[], budgetTokens: number): string {
  let room = budgetTokens * CHARS_PER_TOKEN - NOTE_RESERVE_CHARS;
  const parts: string[] = [];
  const leftOut: string[] = [];
  for (const { title, lines } of sections) {
    const heading = `## ${title}`;
    const kept: string[] = [];
    for (const line of lines) {
      // A heading only counts together with its first line: never a heading alone.
      const cost = line.length + 1 + (kept.length === 0 ? heading.length + 2 : 0);
      if (cost > room) break;
      kept.push(line);
      room -= cost;
    }
    if (kept.length > 0) parts.push([heading, ...kept].join("\n"));
    if (kept.length < lines.length) leftOut.push(`${title}: ${lines.length - kept.length} line(s)`);
  }
  if (leftOut.length > 0)
    parts.push(`(Left out for length: ${leftOut.join("; ")}.)`.slice(0, NOTE_RESERVE_CHARS));
  return parts.join("\n\n");
}

export function buildContext(
  projectName: string,
  data: ProjectData,
  prompt: string,
  budgetTokens: number,
): string {
  return fitToBudget(contextSections(projectName, data, prompt), budgetTokens);
}
