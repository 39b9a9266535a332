// Lint of the Dockerfile: dockerfile-utils' validator (the VS Code Docker language server's rules:
// syntax, flags, instruction arguments) plus the deployment rules of docs/deployment.md that no
// packaged linter checks here (hadolint is not in Debian 12): pinned bases, non-root runtime
// users, health checks, lean apt layers, no remote ADD.

import { validate } from "dockerfile-utils";
import { parseStages } from "./stages.ts";

export interface LintProblem {
  line: number;
  message: string;
}

/** Stages people run (`docker build --target …`): the last stage of each name not used as a base. */
export function runtimeTargets(content: string): string[] {
  const stages = parseStages(content);
  const bases = new Set(stages.filter((s) => s.baseIsStage).map((s) => s.base));
  return stages.filter((s) => !bases.has(s.name) && !/^(build|deps)$/.test(s.name)).map((s) => s.name);
}

export function lintDockerfile(content: string): LintProblem[] {
  const problems: LintProblem[] = validate(content).map((d) => ({
    line: d.range.start.line + 1,
    message: typeof d.message === "string" ? d.message : d.message.value,
  }));
  const stages = parseStages(content);
  for (const stage of stages) {
    if (!stage.baseIsStage) {
      const versioned = stage.digest !== null || (stage.tag !== null && /\d/.test(stage.tag));
      if (!versioned || stage.tag === "latest")
        problems.push({ line: stage.line, message: `base image ${stage.base} is not pinned to a version` });
    }
    for (const step of stage.steps) {
      if (step.kind === "run" && /apt-get\s+install/.test(step.command)) {
        if (!step.command.includes("--no-install-recommends"))
          problems.push({ line: step.line, message: "apt-get install without --no-install-recommends" });
        if (!step.command.includes("rm -rf /var/lib/apt/lists"))
          problems.push({ line: step.line, message: "apt lists are not removed in the same layer" });
      }
      if (step.kind === "run" && /\b(curl|wget)\b[^|]*\|\s*(ba)?sh/.test(step.command))
        problems.push({ line: step.line, message: "a downloaded script piped into a shell" });
      if (step.kind === "other" && step.keyword === "ADD")
        problems.push({ line: step.line, message: "ADD: use COPY (no remote or archive magic)" });
    }
  }
  const byName = new Map(stages.map((s) => [s.name, s]));
  const effective = (name: string, kind: "user" | "healthcheck" | "cmd"): boolean | string => {
    for (let s = byName.get(name); s; s = s.baseIsStage ? byName.get(s.base) : undefined) {
      const found = s.steps.filter((step) => step.kind === kind).at(-1);
      if (found) return found.kind === "user" ? found.user : true;
    }
    return false;
  };
  for (const target of runtimeTargets(content)) {
    const line = byName.get(target)?.line ?? 0;
    const user = effective(target, "user");
    if (typeof user !== "string" || user === "root" || user === "0")
      problems.push({ line, message: `target ${target} runs as root (add USER)` });
    if (!effective(target, "cmd")) problems.push({ line, message: `target ${target} has no CMD` });
    if (/^(api|worker|web)$/.test(target) && !effective(target, "healthcheck"))
      problems.push({ line, message: `target ${target} has no HEALTHCHECK` });
  }
  return problems;
}
