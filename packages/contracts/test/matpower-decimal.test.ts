// fastDecimal against Number(): the importer reads case files' numbers with fastDecimal and
// leaves the rest to Number(), so every value fastDecimal returns must be Number()'s, bit for bit.

import { describe, expect, it } from "vitest";
import { fastDecimal } from "../src/importers/matpower/decimal.ts";
import { mulberry32 as random } from "../src/testing/random.ts";

const read = (token: string) => fastDecimal(` ${token} `, 1, token.length + 1);

const digits = (next: () => number, count: number) =>
  Array.from({ length: count }, () => Math.floor(next() * 10)).join("");

describe("fastDecimal", () => {
  it("gives Number()'s bits for 200,000 random decimals, or NaN to leave them to Number()", () => {
    const next = random(60909);
    let computed = 0;
    for (let i = 0; i < 200_000; i++) {
      const sign = ["", "-", "+"][Math.floor(next() * 3)];
      const whole = digits(next, Math.floor(next() * 12));
      const fraction = digits(next, Math.floor(next() * 12));
      const point = next() < 0.8 || whole === "" ? "." : "";
      const body = whole === "" && fraction === "" ? "0" : `${whole}${point}${point ? fraction : ""}`;
      const exponent =
        next() < 0.3
          ? `${next() < 0.5 ? "e" : "E"}${["", "-", "+"][Math.floor(next() * 3)]}${Math.floor(next() * 40)}`
          : "";
      const token = `${sign}${body}${exponent}`;
      const value = read(token);
      if (Number.isNaN(value)) continue;
      computed++;
      if (!Object.is(value, Number(token)))
        expect.fail(`${token}: ${value} against Number()'s ${Number(token)}`);
    }
    // Most of them are on the fast path: the test checks the path the importer takes.
    expect(computed).toBeGreaterThan(100_000);
  });

  it("reads what case files hold", () => {
    for (const token of [
      "0",
      "-0",
      "1",
      "345",
      "0.0576",
      "-360",
      "1.0e-5",
      "+.5",
      "5.",
      "1E3",
      "0.000001",
      "123456789012345",
    ])
      expect(Object.is(read(token), Number(token)), token).toBe(true);
    expect(Object.is(read("-0"), -0)).toBe(true);
  });

  it("leaves to Number() what it cannot compute exactly or is not a plain decimal", () => {
    for (const token of [
      "1234567890123456",
      "1e23",
      "1e-23",
      "1e99999",
      "Inf",
      "-Inf",
      ".",
      "-",
      "1e",
      "1e+",
      "0x10",
      "1.2.3",
      "1..",
      "",
      "1_0",
      "٣",
    ])
      expect(read(token), token).toBeNaN();
  });
});
