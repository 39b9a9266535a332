// `pnpm check` (what `./run test` runs): typecheck, lint and test everything through turbo, then
// print one closing line with the test counts of all packages.

import { spawnSync } from "node:child_process";
import { existsSync, globSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const resultDirs = globSync(["test-results", "apps/*/test-results", "packages/*/test-results"], {
  cwd: root,
});
for (const dir of resultDirs) rmSync(path.join(root, dir), { recursive: true, force: true });

// Sized for the machine: as many turbo tasks at once as there are cores, and one vitest worker
// per package. With turbo's default (10 tasks) and vitest's (a worker per core) the suite ran ~14
// busy processes on a 2-core machine, and tests that start servers, browsers or worker processes
// missed their deadlines. Run alone, a package's tests still use every core.
const cores = os.availableParallelism();
const env = { ...process.env, AMPFLUX_TEST_WORKERS: process.env.AMPFLUX_TEST_WORKERS ?? "1" };
const tasks = ["typecheck", "typecheck:root", "lint", "test", "test:root"];
const ok =
  spawnSync("turbo", ["run", ...tasks, "--continue", `--concurrency=${cores}`], {
    cwd: root,
    env,
    stdio: "inherit",
  }).status === 0;

let passed = 0;
let failed = 0;
/** Each failed test with its file and first message line: CI's record keeps only the log's tail. */
const failures: string[] = [];
// Every package with tests must leave a report: one that crashed or was killed before writing it
// counts as a failure here, so the closing line never reads "0 failed" over a run that failed.
const testedDirs = [".", ...globSync(["apps/*", "packages/*"], { cwd: root })].filter((dir) => {
  const manifest = JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8"));
  return Boolean(manifest.scripts?.[dir === "." ? "test:root" : "test"]);
});
for (const dir of testedDirs) {
  const file = path.join(root, dir, "test-results/vitest.json");
  if (!existsSync(file)) {
    console.error(`check: ${dir === "." ? "the root" : dir} left no test report`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  const firstLine = (message: unknown) => String(message ?? "").split("\n")[0];
  for (const file of report.testResults ?? []) {
    const name = path.relative(root, file.name);
    const failedTests = (file.assertionResults ?? []).filter(
      (t: { status: string }) => t.status === "failed",
    );
    for (const test of failedTests)
      failures.push(`${name} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file that failed outside its tests (a hook, an import) has no failed test to name.
    if (file.status === "failed" && failedTests.length === 0)
      failures.push(`${name}: ${firstLine(file.message)}`);
  }
}
for (const file of globSync(["packages/*/test-results/cargo.txt"], { cwd: root })) {
  for (const [, p, f] of readFileSync(path.join(root, file), "utf8").matchAll(
    /test result: \w+\. (\d+) passed; (\d+) failed/g,
  )) {
    passed += Number(p);
    failed += Number(f);
  }
}
for (const failure of failures) console.log(`failed: ${failure.slice(0, 400)}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
