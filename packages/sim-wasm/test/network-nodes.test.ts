import { describe, expect, it } from "vitest";
import { ValidatedNetwork } from "../src/index.ts";
import { networkNodes } from "../src/network-nodes.ts";
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
});
