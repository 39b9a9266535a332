// The Dockerfile read as build stages (parsed by dockerfile-ast, the parser of the VS Code Docker
// language server): each stage's base (an image or an earlier stage) and its instructions, in
// order. scripts/dockerfile/run-steps.ts executes them; scripts/dockerfile/lint.ts checks them.

import {
  type Copy,
  DockerfileParser,
  type Env,
  From,
  type Healthcheck,
  type Instruction,
  JSONInstruction,
} from "dockerfile-ast";

export type Step =
  | { kind: "workdir"; path: string; line: number }
  | { kind: "env"; values: Record<string, string>; line: number }
  | { kind: "run"; command: string; line: number }
  | { kind: "copy"; from: string | undefined; sources: string[]; destination: string; line: number }
  | { kind: "user"; user: string; line: number }
  | { kind: "cmd"; argv: string[]; line: number }
  | { kind: "healthcheck"; argv: string[]; line: number }
  | { kind: "other"; keyword: string; line: number };

export interface Stage {
  name: string;
  /** An image reference (`node:24.21.0-bookworm-slim`) or the name of an earlier stage. */
  base: string;
  baseIsStage: boolean;
  /** For an image base: its tag and digest as written. */
  tag: string | null;
  digest: string | null;
  steps: Step[];
  line: number;
}

/** The exec form of CMD / HEALTHCHECK CMD; the shell form runs through sh -c as Docker does. */
function argvOf(instruction: Instruction): string[] {
  if (instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0)
    return instruction.getJSONStrings().map((s) => s.getJSONValue());
  return ["/bin/sh", "-c", instruction.getArgumentsContent() ?? ""];
}

function healthcheckArgv(instruction: Healthcheck): string[] {
  const args = instruction.getArguments().map((a) => a.getValue());
  const cmd = args.indexOf("CMD");
  if (cmd < 0) return [];
  const rest = args.slice(cmd + 1).join(" ");
  return rest.trimStart().startsWith("[") ? (JSON.parse(rest) as string[]) : ["/bin/sh", "-c", rest];
}

function stepOf(instruction: Instruction): Step {
  const line = instruction.getRange().start.line + 1;
  const keyword = instruction.getKeyword();
  const args = instruction.getArguments().map((a) => a.getValue());
  switch (keyword) {
    case "WORKDIR":
      return { kind: "workdir", path: args[0] ?? "/", line };
    case "ENV": {
      const values: Record<string, string> = {};
      for (const property of (instruction as Env).getProperties())
        values[property.getName()] = property.getValue() ?? "";
      return { kind: "env", values, line };
    }
    case "RUN":
      // Continuation lines are joined as the shell would join them.
      return {
        kind: "run",
        command: (instruction.getArgumentsContent() ?? "").replace(/\\\r?\n/g, " "),
        line,
      };
    case "COPY": {
      const copy = instruction as Copy;
      const paths = args;
      return {
        kind: "copy",
        // getFromFlag() misses --from when another flag follows it.
        from:
          copy
            .getFlags()
            .find((flag) => flag.getName() === "from")
            ?.getValue() ?? undefined,
        sources: paths.slice(0, -1),
        destination: paths.at(-1) ?? ".",
        line,
      };
    }
    case "USER":
      return { kind: "user", user: args[0] ?? "root", line };
    case "CMD":
      return { kind: "cmd", argv: argvOf(instruction), line };
    case "HEALTHCHECK":
      return { kind: "healthcheck", argv: healthcheckArgv(instruction as Healthcheck), line };
    default:
      return { kind: "other", keyword, line };
  }
}

export function parseStages(content: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    if (instruction instanceof From) {
      const base = instruction.getImage() ?? "";
      const baseIsStage = stages.some((s) => s.name === base);
      stages.push({
        name: instruction.getBuildStage() ?? String(stages.length),
        base,
        baseIsStage,
        tag: baseIsStage ? null : instruction.getImageTag(),
        digest: baseIsStage ? null : instruction.getImageDigest(),
        steps: [],
        line: instruction.getRange().start.line + 1,
      });
      continue;
    }
    stages.at(-1)?.steps.push(stepOf(instruction));
  }
  return stages;
}

/** The stages a target is built from, base first. */
export function stageChain(stages: Stage[], target: string): Stage[] {
  const chain: Stage[] = [];
  let current = stages.find((s) => s.name === target);
  if (!current) throw new Error(`no stage named ${target}`);
  while (current) {
    chain.unshift(current);
    const base: string = current.base;
    current = current.baseIsStage ? stages.find((s) => s.name === base) : undefined;
  }
  return chain;
}
