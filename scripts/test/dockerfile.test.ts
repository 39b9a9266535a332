// The deployment files stay honest without a container engine (no registry is reachable here, so
// base images cannot be pulled): the Dockerfile is linted, compose.yaml's settings are checked
// against the apps' own settings schemas, and every target's steps are run in order, as a
// non-root user, in a clean folder — then the migrate step migrates a fresh database, the api and
// worker start and pass their HEALTHCHECKs, Caddy serves the web app and proxies the api, and
// SIGTERM stops both apps cleanly.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { apiSettingsSchema, loadApiSettings } from "../../apps/api/src/settings.ts";
import { loadWorkerSettings, workerSettingsSchema } from "../../apps/worker/src/settings.ts";
import { lintDockerfile, runtimeTargets } from "../dockerfile/lint.ts";
import { DockerfileSteps, type StageState } from "../dockerfile/run-steps.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dockerfile = path.join(root, "Dockerfile");
const dockerfileText = readFileSync(dockerfile, "utf8");

describe("Dockerfile lint", () => {
  it("passes dockerfile-utils' validator and the deployment rules", () => {
    expect(lintDockerfile(dockerfileText)).toEqual([]);
    expect(runtimeTargets(dockerfileText).sort()).toEqual(["api", "migrate", "web", "worker"]);
  });

  it("flags an unpinned base, a root runtime, a missing health check and a fat apt layer", () => {
    const bad = [
      "FROM node:latest AS api",
      "RUN apt-get update && apt-get install -y curl",
      'CMD ["node", "main.ts"]',
    ].join("\n");
    const messages = lintDockerfile(bad).map((p) => p.message);
    expect(messages).toContain("base image node:latest is not pinned to a version");
    expect(messages).toContain("target api runs as root (add USER)");
    expect(messages).toContain("target api has no HEALTHCHECK");
    expect(messages).toContain("apt-get install without --no-install-recommends");
  });
});

/** compose's ${VAR}, ${VAR:-default} and ${VAR:?error} against `vars`. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    const set = vars[name];
    if (set !== undefined && set !== "") return set;
    if (op === "?") throw new Error(`${name}: ${arg}`);
    return op === "-" ? (arg ?? "") : "";
  });
}

describe("compose.yaml", () => {
  const compose = parseYaml(readFileSync(path.join(root, "compose.yaml"), "utf8"), { merge: true }) as {
    services: Record<
      string,
      { build?: { target: string }; image?: string; environment?: Record<string, string> }
    >;
  };
  const vars = {
    POSTGRES_PASSWORD: "a-long-random-database-password",
    METRICS_TOKEN: "metrics-token-0123456789",
    SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    CORS_ORIGINS: "https://ampflux.example.com",
    APP_URL: "https://ampflux.example.com",
  };

  it("runs 2 apis behind the proxy, 2 workers, the migrate step, Postgres 18 and Redis", () => {
    const targets = Object.values(compose.services).map((s) => s.build?.target ?? s.image?.split(":")[0]);
    expect(targets.filter((t) => t === "api")).toHaveLength(2);
    expect(targets.filter((t) => t === "worker")).toHaveLength(2);
    expect(targets).toEqual(expect.arrayContaining(["migrate", "web", "postgres", "redis"]));
    expect(compose.services.postgres?.image).toMatch(/^postgres:18\./);
  });

  it("sets only settings the apps know, and they pass the apps' production checks", () => {
    const known = new Set([
      ...Object.keys(apiSettingsSchema.shape),
      ...Object.keys(workerSettingsSchema.shape),
    ]);
    for (const [name, service] of Object.entries(compose.services)) {
      const target = service.build?.target;
      if (target !== "api" && target !== "worker") continue;
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]),
      );
      expect(
        Object.keys(env).filter((k) => !known.has(k)),
        `${name}: unknown settings`,
      ).toEqual([]);
      expect(() => (target === "api" ? loadApiSettings(env) : loadWorkerSettings(env))).not.toThrow();
    }
  });

  it("refuses to start without the secrets an operator must set", () => {
    const api = compose.services["api-1"]?.environment ?? {};
    expect(() => interpolate(String(api.DATABASE_URL), {})).toThrow(/POSTGRES_PASSWORD/);
    expect(() => interpolate(String(api.METRICS_TOKEN), {})).toThrow(/METRICS_TOKEN/);
    expect(() => interpolate(String(api.CORS_ORIGINS), {})).toThrow(/CORS_ORIGINS/);
  });
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

const exitOf = (child: ChildProcess, timeoutMs: number) =>
  new Promise<number | null>((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms`)), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });

const collect = (child: ChildProcess) => {
  let text = "";
  child.stdout?.on("data", (d) => (text += d));
  child.stderr?.on("data", (d) => (text += d));
  return () => text;
};

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("Dockerfile steps, run as a non-root user in a clean folder", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "ampflux-docker-steps-"));
  chmodSync(scratch, 0o755);
  const asRoot = process.getuid?.() === 0;
  const nobody = 65_534;
  // What the node base image ships: this Node (the repository's pinned 24) and npm.
  const nodeTools = path.join(scratch, "node-image");
  mkdirSync(nodeTools);
  copyFileSync(process.execPath, path.join(nodeTools, "node"));
  chmodSync(nodeTools, 0o755);
  if (asRoot) spawnSync("chown", ["-R", `${nobody}:${nobody}`, scratch]);
  const children: ChildProcess[] = [];
  const log: string[] = [];
  const steps = new DockerfileSteps({
    dockerfile,
    context: root,
    scratch,
    ...(asRoot ? { uid: nobody, gid: nobody } : {}),
    imageTools: (image) => (image.startsWith("node:") ? [nodeTools] : []),
    log: (line) => log.push(line),
  });
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    // Hundreds of thousands of files: removed in the background, not within the hook's time.
    spawn("rm", ["-rf", scratch], { detached: true, stdio: "ignore" }).unref();
  });

  it("builds every target, migrates, starts the api and worker healthy, serves the web app through Caddy and stops on SIGTERM", async () => {
    const built: Record<string, StageState> = {};
    try {
      for (const target of ["migrate", "api", "worker", "web"]) built[target] = await steps.build(target);
    } catch (error) {
      throw new Error(`${String(error)}\n${log.slice(-30).join("\n")}`);
    }
    const stage = (name: string) => {
      const state = built[name];
      if (!state) throw new Error(`target ${name} was not built`);
      return state;
    };
    const [migrate, api, worker, web] = ["migrate", "api", "worker", "web"].map(stage) as [
      StageState,
      StageState,
      StageState,
      StageState,
    ];
    expect(api.user).toBe("node");
    expect(worker.user).toBe("node");
    expect(web.user).toBe("nobody");

    const database = await createTestDatabase("docker_steps");
    try {
      // Trust authentication ignores the password; production mode wants one in the URL.
      const url = new URL(database.url);
      url.password = "a-long-random-database-password";
      const [apiPort, metricsPort, webPort] = [await freePort(), await freePort(), await freePort()];
      const common = {
        DATABASE_URL: url.toString(),
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: testKeyPrefix("docker-steps"),
        METRICS_TOKEN: "metrics-token-0123456789",
        // Production mode refuses loopback origins: the public address the proxy would serve.
        CORS_ORIGINS: "https://ampflux.example.com",
        APP_URL: "https://ampflux.example.com",
        LOG_LEVEL: "warn",
      };

      const migrating = steps.start(migrate, common);
      const migrateOutput = collect(migrating);
      expect(await exitOf(migrating, 120_000), migrateOutput()).toBe(0);
      expect(migrateOutput()).toMatch(/migrated/);

      const apiProcess = steps.start(api, {
        ...common,
        // Production mode requires the key that encrypts TOTP and SSO secrets (docs/security.md).
        SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
        API_HOST: "127.0.0.1",
        API_PORT: String(apiPort),
      });
      children.push(apiProcess);
      const apiOutput = collect(apiProcess);
      await until(
        () => apiProcess.exitCode !== null || steps.healthy(api, { API_PORT: String(apiPort) }),
        "api healthy",
        90_000,
      ).catch((e) => {
        throw new Error(`${e}\n${apiOutput()}`);
      });
      expect(apiProcess.exitCode, apiOutput()).toBeNull();

      const workerProcess = steps.start(worker, { ...common, WORKER_METRICS_PORT: String(metricsPort) });
      children.push(workerProcess);
      const workerOutput = collect(workerProcess);
      await until(
        () =>
          workerProcess.exitCode !== null ||
          steps.healthy(worker, { WORKER_METRICS_PORT: String(metricsPort) }),
        "worker healthy",
        90_000,
      ).catch((e) => {
        throw new Error(`${e}\n${workerOutput()}`);
      });
      expect(workerProcess.exitCode, workerOutput()).toBeNull();

      const caddy = steps.start(web, {
        WEB_PORT: String(webPort),
        API_UPSTREAMS: `127.0.0.1:${apiPort}`,
        WEB_ROOT: steps.hostPath(web, "/srv"),
        XDG_DATA_HOME: path.join(scratch, "caddy-data"),
        XDG_CONFIG_HOME: path.join(scratch, "caddy-config"),
      });
      children.push(caddy);
      const caddyOutput = collect(caddy);
      const page = async () => {
        try {
          return await (await fetch(`http://127.0.0.1:${webPort}/projects/any`)).text();
        } catch {
          return "";
        }
      };
      await until(
        async () => caddy.exitCode !== null || (await page()).includes('id="root"'),
        "caddy",
        30_000,
      ).catch((e) => {
        throw new Error(`${e}\n${caddyOutput()}`);
      });
      expect(caddy.exitCode, caddyOutput()).toBeNull();
      const health = await fetch(`http://127.0.0.1:${webPort}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: expect.any(String) });
      // The api's metrics are not published through the proxy.
      expect((await fetch(`http://127.0.0.1:${webPort}/metrics`)).headers.get("content-type")).not.toMatch(
        /openmetrics|text\/plain; version/,
      );

      caddy.kill("SIGTERM");
      apiProcess.kill("SIGTERM");
      workerProcess.kill("SIGTERM");
      expect(await exitOf(apiProcess, 30_000), apiOutput()).toBe(0);
      expect(await exitOf(workerProcess, 60_000), workerOutput()).toBe(0);
    } finally {
      await database.drop();
    }
  }, 1_500_000);
});
