// Runs a Dockerfile's steps without a container engine, so the images stay honest on machines
// that cannot pull base images: every stage gets its own folder standing for the image's file
// system, each RUN is executed there (sh -c, in WORKDIR, with the stage's ENV, as a non-root
// user), COPY copies from the build context (minus .dockerignore) or from an earlier stage, and
// CMD / HEALTHCHECK start and probe the result. What a base image provides (Node, npm, caddy) comes
// from the host, and `apt-get install` steps are checked against the host's installed packages
// instead of run (a non-root user cannot install them; the test machine has them).

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { parseStages, type Stage, type Step, stageChain } from "./stages.ts";

export interface StageState {
  name: string;
  /** The folder standing for the image's root file system. */
  rootfs: string;
  /** Container path of WORKDIR. */
  workdir: string;
  env: Record<string, string>;
  user: string;
  cmd: string[];
  healthcheck: string[];
  /** Host folders on PATH that stand for what the base image ships (node, npm, caddy). */
  tools: string[];
}

export interface RunStepsOptions {
  dockerfile: string;
  /** The build context (the repository root). */
  context: string;
  /** An empty folder the stages are built in. */
  scratch: string;
  /** Run commands as this user (when the runner is root); default: the current user. */
  uid?: number;
  gid?: number;
  /** Host folders standing for what an external base image ships, by image reference. */
  imageTools: (image: string) => string[];
  log: (line: string) => void;
  runTimeoutMs?: number;
}

const sameUser = (o: RunStepsOptions) => (o.uid === undefined ? {} : { uid: o.uid, gid: o.gid ?? o.uid });

/** Files of the build context (relative paths), without what .dockerignore leaves out. */
export function contextFiles(context: string): string[] {
  const rules: Ignore = ignore();
  const dockerignore = path.join(context, ".dockerignore");
  if (existsSync(dockerignore)) rules.add(readFileSync(dockerignore, "utf8"));
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(context, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!rules.ignores(`${child}/`)) walk(child);
      } else if (!rules.ignores(child)) files.push(child);
    }
  };
  walk("");
  return files;
}

export class DockerfileSteps {
  readonly #options: RunStepsOptions;
  readonly #stages: Stage[];
  readonly #built = new Map<string, StageState>();
  #context: string[] | undefined;

  constructor(options: RunStepsOptions) {
    this.#options = options;
    this.#stages = parseStages(readFileSync(options.dockerfile, "utf8"));
  }

  get stages(): Stage[] {
    return this.#stages;
  }

  /** Builds `target` and the stages it stands on (each once), returning its final state. */
  async build(target: string): Promise<StageState> {
    let state: StageState | undefined;
    for (const stage of stageChain(this.#stages, target)) {
      const done = this.#built.get(stage.name);
      if (done) {
        state = done;
        continue;
      }
      state = await this.#buildStage(stage, state);
      this.#built.set(stage.name, state);
    }
    if (!state) throw new Error(`stage ${target} has no steps`);
    return state;
  }

  async #buildStage(stage: Stage, base: StageState | undefined): Promise<StageState> {
    const rootfs = path.join(this.#options.scratch, stage.name);
    if (base) {
      // A stage built FROM another starts from its file system: hard links, as cheap as a shared
      // image layer. COPY replaces files (cp --remove-destination) instead of writing through a
      // link, so the base stays as it was; RUN steps of stages built on another (build, deps) only
      // add files to what their base has.
      const copy = spawnSync("cp", ["-al", base.rootfs, rootfs], { encoding: "utf8" });
      if (copy.status !== 0) throw new Error(`copying stage ${base.name}: ${copy.stderr}`);
    } else this.#mkdirs(rootfs);
    const state: StageState = base
      ? { ...base, name: stage.name, rootfs, env: { ...base.env } }
      : {
          name: stage.name,
          rootfs,
          workdir: "/",
          env: {},
          user: "root",
          cmd: [],
          healthcheck: [],
          tools: this.#options.imageTools(stage.base),
        };
    this.#options.log(`== stage ${stage.name} (FROM ${stage.base})`);
    for (const step of stage.steps) await this.#apply(state, step);
    return state;
  }

  async #apply(state: StageState, step: Step): Promise<void> {
    switch (step.kind) {
      case "workdir":
        state.workdir = path.posix.resolve(state.workdir, step.path);
        this.#mkdirs(this.hostPath(state, state.workdir));
        return;
      case "env":
        Object.assign(state.env, step.values);
        return;
      case "user":
        state.user = step.user;
        return;
      case "cmd":
        state.cmd = step.argv;
        return;
      case "healthcheck":
        state.healthcheck = step.argv;
        return;
      case "copy":
        await this.#copy(state, step);
        return;
      case "run":
        await this.#run(state, step);
        return;
      case "other":
        return;
    }
  }

  /** The host path of a container path of this stage. */
  hostPath(state: StageState, containerPath: string): string {
    return path.join(state.rootfs, path.posix.resolve(state.workdir, containerPath));
  }

  /** Environment of a RUN or CMD: the stage's ENV over a minimal base, like a fresh container. */
  environment(state: StageState, extra: Record<string, string> = {}): Record<string, string> {
    const home = path.join(this.#options.scratch, "home");
    const usrLocal = path.join(state.rootfs, "usr/local");
    return {
      ...builderNetwork(),
      HOME: home,
      CI: "true",
      TURBO_TELEMETRY_DISABLED: "1",
      npm_config_prefix: usrLocal,
      npm_config_update_notifier: "false",
      ...state.env,
      ...extra,
      PATH: [path.join(usrLocal, "bin"), ...state.tools, "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
    };
  }

  #mkdirs(dir: string): void {
    const made = spawnSync("mkdir", ["-p", dir], { ...sameUser(this.#options), encoding: "utf8" });
    if (made.status !== 0) mkdirSync(dir, { recursive: true });
  }

  #chown(target: string): void {
    if (this.#options.uid === undefined) return;
    spawnSync("chown", ["-R", `${this.#options.uid}:${this.#options.gid ?? this.#options.uid}`, target]);
  }

  /** `cp -a` (symlinks kept as they are, as an image layer keeps them), unlinking what it replaces. */
  #cp(from: string, to: string): void {
    const copied = spawnSync("cp", ["-a", "--remove-destination", from, to], { encoding: "utf8" });
    if (copied.status !== 0) throw new Error(`cp ${from} ${to}: ${copied.stderr}`);
    this.#chown(to);
  }

  async #copy(state: StageState, step: Extract<Step, { kind: "copy" }>): Promise<void> {
    const destination = this.hostPath(state, step.destination);
    const intoFolder = step.destination.endsWith("/") || step.sources.length > 1 || step.destination === ".";
    for (const source of step.sources) {
      if (step.from !== undefined) {
        // BuildKit builds the stage a COPY --from names when it is needed.
        const from = this.#built.get(step.from) ?? (await this.build(step.from));
        const host = this.hostPath(from, source);
        if (!existsSync(host))
          throw new Error(`line ${step.line}: ${source} does not exist in stage ${step.from}`);
        if (statSync(host).isDirectory()) {
          // A folder's contents go into the destination, as COPY does.
          this.#mkdirs(destination);
          this.#cp(`${host}/.`, `${destination}/`);
        } else {
          const to = intoFolder ? path.join(destination, path.basename(host)) : destination;
          this.#mkdirs(path.dirname(to));
          this.#cp(host, to);
        }
        continue;
      }
      this.#context ??= contextFiles(this.#options.context);
      const prefix = source.replace(/\/$/, "");
      const matched = this.#context.filter(
        (f) => prefix === "." || f === prefix || f.startsWith(`${prefix}/`),
      );
      if (matched.length === 0)
        throw new Error(`line ${step.line}: COPY ${source}: nothing in the build context`);
      for (const file of matched) {
        const inside = file === prefix ? null : prefix === "." ? file : file.slice(prefix.length + 1);
        const to =
          inside !== null
            ? path.join(destination, inside)
            : intoFolder
              ? path.join(destination, path.basename(file))
              : destination;
        this.#mkdirs(path.dirname(to));
        rmSync(to, { force: true });
        cpSync(path.join(this.#options.context, file), to);
      }
      this.#chown(destination);
    }
  }

  async #run(state: StageState, step: Extract<Step, { kind: "run" }>): Promise<void> {
    const apt = /^\s*apt-get\b/.test(step.command);
    if (apt) {
      checkAptPackages(step.command, step.line);
      this.#options.log(`-- line ${step.line}: apt packages present on the host`);
      return;
    }
    this.#options.log(`-- line ${step.line}: RUN ${step.command}`);
    const cwd = this.hostPath(state, state.workdir);
    const child = spawn("/bin/sh", ["-c", step.command], {
      cwd,
      env: this.environment(state),
      ...sameUser(this.#options),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timeout = setTimeout(() => child.kill("SIGKILL"), this.#options.runTimeoutMs ?? 15 * 60_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timeout);
    if (code !== 0)
      throw new Error(`line ${step.line}: RUN ${step.command} exited ${code}:\n${output.slice(-4_000)}`);
  }

  /** Arguments of CMD or HEALTHCHECK with absolute paths that exist in the stage mapped to it. */
  #argv(state: StageState, argv: string[]): string[] {
    return argv.map((arg) =>
      arg.startsWith("/") && existsSync(path.join(state.rootfs, arg)) ? path.join(state.rootfs, arg) : arg,
    );
  }

  /** Starts the stage's CMD as a process in its WORKDIR. */
  start(state: StageState, env: Record<string, string>): ChildProcess {
    const [command, ...args] = this.#argv(state, state.cmd);
    if (!command) throw new Error(`stage ${state.name} has no CMD`);
    return spawn(command, args, {
      cwd: this.hostPath(state, state.workdir),
      env: this.environment(state, env),
      ...sameUser(this.#options),
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** Runs the stage's HEALTHCHECK command once: true when it exits 0. */
  healthy(state: StageState, env: Record<string, string>): boolean {
    const [command, ...args] = this.#argv(state, state.healthcheck);
    if (!command) throw new Error(`stage ${state.name} has no HEALTHCHECK`);
    const result = spawnSync(command, args, {
      cwd: this.hostPath(state, state.workdir),
      env: this.environment(state, env),
      ...sameUser(this.#options),
      timeout: 10_000,
    });
    return result.status === 0;
  }
}

/**
 * The builder's network settings (proxies, the CA bundle of a TLS-inspecting proxy), as `docker
 * build` passes its proxy and a BuildKit CA to RUN steps: the machine's, not the image's.
 */
function builderNetwork(): Record<string, string> {
  const names = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];
  const network: Record<string, string> = {};
  for (const name of [...names, "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR"]) {
    const value = process.env[name];
    if (value) network[name] = value;
  }
  const cafile = network.NODE_EXTRA_CA_CERTS ?? network.SSL_CERT_FILE ?? hostCaFile();
  if (cafile) {
    network.npm_config_cafile = cafile;
    network.NODE_EXTRA_CA_CERTS = cafile;
  }
  return network;
}

/** Debian's system CA bundle (what the host's npm and curl trust), when nothing names another. */
const SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

function hostCaFile(): string | undefined {
  // turbo runs tasks with a filtered environment: NODE_EXTRA_CA_CERTS may not reach the test.
  return existsSync(SYSTEM_CA_BUNDLE) ? SYSTEM_CA_BUNDLE : undefined;
}

/** `apt-get install … pkg…`: every package must be installed on the host. */
function checkAptPackages(command: string, line: number): void {
  const install = command.match(/apt-get\s+install\s+([^&;|]+)/);
  const packages = (install?.[1] ?? "").split(/\s+/).filter((w) => w && !w.startsWith("-"));
  const missing = packages.filter((name) => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format, not a template
    const status = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
    return !status.stdout.includes("install ok installed");
  });
  if (missing.length > 0)
    throw new Error(`line ${line}: apt packages not installed on this machine: ${missing.join(", ")}`);
}
