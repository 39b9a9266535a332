import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseSettings, portSchema, postgresUrlSchema, SettingsError } from "../src/index.ts";

const schema = z.object({
  PORT: portSchema.default(3001),
  DATABASE_URL: postgresUrlSchema,
});

describe("parseSettings", () => {
  it("applies defaults and coerces numbers", () => {
    const s = parseSettings(schema, { DATABASE_URL: "postgres://u@localhost/db", PORT: "8080" });
    expect(s.PORT).toBe(8080);
  });

  it("names every bad variable", () => {
    try {
      parseSettings(schema, { DATABASE_URL: "mysql://x", PORT: "99999" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      const message = (error as SettingsError).message;
      expect(message).toContain("DATABASE_URL: must be a postgres:// URL");
      expect(message).toContain("PORT:");
    }
  });

  it("treats empty strings as unset", () => {
    expect(() => parseSettings(schema, { DATABASE_URL: "" })).toThrow("DATABASE_URL: is not set");
  });
});
