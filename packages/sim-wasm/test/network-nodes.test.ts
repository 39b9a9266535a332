import { describe, expect, it } from "vitest";
import { ValidatedNetwork } from "../src/index.ts";
import { lineEndNodes, networkNodes } from "../src/network-nodes.ts";
import { syntheticNetwork } from "../src/synthetic-network.ts";

// Bus numbering is kept per (buses, switches) arrays: repeated studies of a network, and its N-1
// variants, number the buses once. A document with other buses or switches gets its own.
describe("networkNodes", () => {
  const network = ValidatedNetwork.check(syntheticNetwork(60));
  const line = network.document.lines[3]?.id ?? "";

  it("numbers a validated network's buses once for it and the variants that share its arrays", () => {
    const nodes = networkNodes(network.document);
    expect(nodes.nodeOfBus.size).toBe(network.document.buses.length);
    expect(networkNodes(network.document)).toBe(nodes);
    const variant = network.withOutOfService(line);
    expect(variant.document.buses).toBe(network.document.buses);
    expect(networkNodes(variant.document)).toBe(nodes);
  });

  it("numbers a document with other buses or other switches anew", () => {
    const nodes = networkNodes(network.document);
    const [first, second] = network.document.buses;
    if (!first || !second) throw new Error("the synthetic network has buses");
    // A closed bus coupler joins the first two buses into one node.
    const coupled = ValidatedNetwork.check({
      ...network.document,
      switches: [{ id: "coupler", bus: first.id, element: second.id, element_type: "bus", closed: true }],
    });
    const joined = networkNodes(coupled.document);
    expect(joined).not.toBe(nodes);
    expect(joined.firstBus).toHaveLength(nodes.firstBus.length - 1);
    expect(joined.nodeOfBus.get(second.id)).toBe(joined.nodeOfBus.get(first.id));
    // One bus out of service: one node fewer, in a new numbering.
    const without = ValidatedNetwork.check({
      ...network.document,
      buses: network.document.buses.map((b) => (b.id === second.id ? { ...b, in_service: false } : b)),
    });
    const fewer = networkNodes(without.document);
    expect(fewer.nodeOfBus.has(second.id)).toBe(false);
    expect(fewer.firstBus).toHaveLength(nodes.firstBus.length - 1);
    // The first numbering is untouched by the others.
    expect(networkNodes(network.document).nodeOfBus.has(second.id)).toBe(true);
  });

  it("looks each line's end nodes up once per lines array, an open switch or a dead bus giving −1", () => {
    const doc = network.document;
    const nodes = networkNodes(doc);
    const ends = lineEndNodes(doc, nodes);
    expect(lineEndNodes(doc, nodes)).toBe(ends);
    doc.lines.forEach((line, k) => {
      expect([ends[2 * k], ends[2 * k + 1]]).toEqual([
        nodes.nodeOfBus.get(line.from_bus),
        nodes.nodeOfBus.get(line.to_bus),
      ]);
    });
    const line = doc.lines[2];
    if (!line) throw new Error("the synthetic network has lines");
    // The same lines with an open switch at the line's to end: other nodes, so other ends.
    const switched = ValidatedNetwork.check({
      ...doc,
      switches: [{ id: "s", bus: line.to_bus, element: line.id, element_type: "line", closed: false }],
    }).document;
    const open = lineEndNodes(switched, networkNodes(switched));
    expect([open[4], open[5]]).toEqual([nodes.nodeOfBus.get(line.from_bus), -1]);
    const dead = ValidatedNetwork.check({
      ...doc,
      buses: doc.buses.map((b) => (b.id === line.from_bus ? { ...b, in_service: false } : b)),
    }).document;
    expect(lineEndNodes(dead, networkNodes(dead))[4]).toBe(-1);
  });
});
