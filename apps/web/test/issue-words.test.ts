import { validateNetwork } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { normalizeDocument } from "../src/editor/model/document.ts";
import { runnablePart } from "../src/editor/model/runnable.ts";
import { wordIssue } from "../src/editor/properties/issues.ts";
import { errorMessage } from "../src/lib/errors.ts";
import { leftOut } from "../src/results/left-out.ts";

// Validation messages in the user's words: the element by kind, id and name, the field by the
// panel's label with its unit — never "buses.2.vn_kv Too small…" (issue 23).

function editedFeeder() {
  const doc = normalizeDocument(structuredClone(mvFeeder));
  doc.buses[2] = { id: "end", name: "Far end", vn_kv: 0 };
  doc.lines[0] = { ...doc.lines[0], id: "L", length_km: -1 };
  return doc;
}

describe("validation issues in words", () => {
  it("names the element and the field's label with its unit", () => {
    const doc = editedFeeder();
    const worded = validateNetwork(doc).errors.map((issue) => wordIssue(doc, issue));
    expect(worded).toContainEqual({
      id: "end",
      element: "bus end 'Far end'",
      text: "Nominal voltage Un (kV): must be > 0.001",
    });
    expect(worded).toContainEqual({ id: "L", element: "line L", text: "Length (km): must be > 0.000001" });
  });

  it("names a negative-length line the live results leave out, not only a count", () => {
    const doc = editedFeeder();
    doc.buses[2] = { id: "end", vn_kv: 20 };
    const { excluded, document } = runnablePart(doc);
    expect(excluded).toEqual(["L"]);
    expect(document?.lines).toEqual([]);
    expect(leftOut(excluded)).toBe(" Left out until connected and valid: L.");
    expect(leftOut(["a", "b", "c", "d", "e", "f", "g"])).toBe(
      " Left out until connected and valid: a, b, c, d, e and 2 more.",
    );
    expect(leftOut([])).toBe("");
  });

  it("joins the api's lines into one sentence and words a raw issue dump", () => {
    const lines =
      "the network document is invalid:\nbus end: Nominal voltage Un (kV): must be > 0.001\nline L: Length (km): must be > 0.000001";
    const worded = new TRPCClientError(lines, {
      result: { error: { code: -32600, message: lines, data: { code: "BAD_REQUEST", zodError: null } } },
    });
    expect(errorMessage(worded)).toBe(
      "the network document is invalid: bus end: Nominal voltage Un (kV): must be > 0.001; line L: Length (km): must be > 0.000001",
    );
    const dump = new TRPCClientError('[\n  {\n    "code": "too_small"', {
      result: {
        error: {
          code: -32600,
          message: "",
          data: {
            zodError: {
              formErrors: [],
              fieldErrors: {},
              issues: [{ path: ["name"], message: "must not be empty" }],
            },
          },
        },
      },
    });
    expect(errorMessage(dump)).toBe("name: must not be empty");
  });
});
