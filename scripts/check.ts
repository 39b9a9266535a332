// `pnpm check` (what `./run test` runs): typecheck and test every package through turbo, lint the
// repo, then print one closing line with the test counts of all packages.

import { spawnSync } from "node:child_process";
import { globSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const resultDirs = globSync(["apps/*/test-results", "packages/*/test-results"], { cwd: root });
for (const dir of resultDirs) rmSync(path.join(root, dir), { recursive: true, force: true });

const step = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: root, stdio: "inherit" }).status === 0;

const testsOk = step("turbo", ["run", "typecheck", "test", "--continue"]);
const lintOk = step("biome", ["check", "."]);

let passed = 0;
let failed = 0;
for (const file of globSync(["apps/*/test-results/vitest.json", "packages/*/test-results/vitest.json"], {
  cwd: root,
})) {
  const report = JSON.parse(readFileSync(path.join(root, file), "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
for (const file of globSync(["packages/*/test-results/cargo.txt"], { cwd: root })) {
  for (const [, p, f] of readFileSync(path.join(root, file), "utf8").matchAll(
    /test result: \w+\. (\d+) passed; (\d+) failed/g,
  )) {
    passed += Number(p);
    failed += Number(f);
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(testsOk && lintOk && failed === 0 && passed > 0 ? 0 : 1);
