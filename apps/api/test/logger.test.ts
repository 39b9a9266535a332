// The log line format operators and tests read (docs/operations.md "Logs"), on pino.

import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";

describe("logger", () => {
  it("writes one JSON line per event: level name, ISO time, service, message, then the fields", () => {
    const lines: string[] = [];
    const log = createLogger("info", "api", (line) => lines.push(line));
    log.info("api listening", { url: "http://127.0.0.1:1" });
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? "";
    // multi-instance.test.ts finds the address by this text.
    expect(line).toContain('"message":"api listening","url":"http://127.0.0.1:1"');
    const entry = JSON.parse(line);
    expect(Object.keys(entry)).toEqual(["level", "time", "service", "message", "url"]);
    expect(entry).toMatchObject({ level: "info", service: "api" });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it("drops lines below its level, and says which levels it writes", () => {
    const lines: string[] = [];
    const log = createLogger("warn", "api", (line) => lines.push(line));
    log.debug("not written");
    log.info("not written");
    log.warn("written");
    log.error("written too", { code: 1 });
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(["warn", "error"]);
    expect([log.isEnabled("info"), log.isEnabled("warn")]).toEqual([false, true]);
  });

  it("binds a child's fields to each of its lines, the parent's lines unchanged", () => {
    const lines: string[] = [];
    const log = createLogger("debug", "worker", (line) => lines.push(line));
    log.child({ component: "pg-channel" }).debug("listening", { channel: "auth_invalidation" });
    log.debug("plain");
    const [child, parent] = lines.map((l) => JSON.parse(l));
    expect(child).toMatchObject({ service: "worker", component: "pg-channel", channel: "auth_invalidation" });
    expect(parent).not.toHaveProperty("component");
  });
});
