import type { AssistantStreamEvent } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { aiUsage } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { assistantProject, assistantTestApi } from "./ai-fixtures.ts";
import type { FakeOpenAI } from "./fake-openai.ts";
import { expectTrpcError, signUpCompany, type TestClient } from "./helpers.ts";

const started = assistantTestApi();
let fake: FakeOpenAI;
let api: RunningApi;
beforeAll(() => {
  ({ fake, api } = started);
});

const study = { kind: "short_circuit" as const, options: { fault: "3ph" as const } };
const lastRequest = () => {
  const request = fake.requests.at(-1);
  if (!request) throw new Error("the fake model server received nothing");
  return request;
};
const fmt = (value: number) => String(Number(value.toPrecision(4)));

type Row = { bus: string; ikss_ka: number; ip_ka: number };

async function resultRows(client: TestClient, projectId: string, simulationId: string): Promise<Row[]> {
  const got = await client.trpc.simulations.get.query({ projectId, simulationId });
  return (got.result as { buses: Row[] }).buses;
}

describe("ai.ask", () => {
  it("sends the system message and the project context: counts, named elements in full, top fault currents", async () => {
    const { owner, projectId } = await assistantProject(api.url);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study });
    const rows = await resultRows(owner.client, projectId, run.id);
    fake.reply({ content: "I''k at bus mv is set by transformer T." });
    const prompt = "Why is the fault current at bus mv so high? Is transformer T the reason?";
    const answer = await owner.client.trpc.ai.ask.mutate({ projectId, prompt });
    expect(answer).toMatchObject({
      answer: "I''k at bus mv is set by transformer T.",
      cached: false,
      toolCalls: [],
      usage: { model: "gpt-4.1-mini", promptTokens: 120, completionTokens: 30 },
    });

    const request = lastRequest();
    expect(request.model).toBe("gpt-4.1-mini");
    expect(request.tools?.map((t) => t.function.name)).toEqual([
      "run_short_circuit",
      "get_bus_results",
      "explain_bus_result",
      "list_elements",
      "compare_versions",
      "get_duty_results",
      "get_arc_flash_results",
      "get_load_flow_results",
    ]);
    const [system, context, question, ...rest] = request.messages;
    expect(rest).toEqual([]);
    expect(system?.role).toBe("system");
    expect(system?.content).toContain("electrical engineering assistant");
    expect(system?.content).toMatch(/IEC 60909.*IEEE.*NEC/);
    expect(system?.content).toContain("Cite the numbers you use");
    expect(question).toEqual({ role: "user", content: prompt });

    expect(context?.role).toBe("system");
    const text = context?.content ?? "";
    expect(text).toContain('network "Feeder", version 1 (the latest), 50 Hz');
    expect(text).toContain("Elements: buses 3, external_grids 1, lines 1, transformers 1.");
    expect(text).toContain("Voltage levels: 110 kV (1 bus), 20 kV (2 buses).");
    // The elements the question names, in full as stored, with the named bus's surroundings.
    const stored = await owner.client.trpc.circuits.get.query({ projectId, version: 1 });
    expect(text).toContain(`transformers/T: ${JSON.stringify(stored?.document.transformers[0])}`);
    expect(text).toContain(`buses/mv: ${JSON.stringify(stored?.document.buses[1])}`);
    expect(text).toContain("connected: lines/L (from_bus), transformers/T (lv_bus)");
    expect(text).not.toContain("buses/end:");
    // The latest study's highest fault currents, highest first, with bus ids.
    expect(text).toContain(`simulation ${run.id}, 3ph max`);
    const top = [...rows].sort((a, b) => b.ikss_ka - a.ikss_ka);
    const positions = top.map((row) => {
      const line = `- bus ${row.bus}: I''k ${fmt(row.ikss_ka)} kA, ip ${fmt(row.ip_ka)} kA`;
      expect(text).toContain(line);
      return text.indexOf(line);
    });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text).toContain("external grid grid at bus hv: S''k max 3000 MVA, min 2000 MVA");
    expect(text).toContain("transformer T hv→mv: Sn 40 MVA, 110/20 kV, vk 12 %");
    // The most relevant parts come first.
    expect(text.indexOf("## Network")).toBeLessThan(text.indexOf("## Elements named"));
    expect(text.indexOf("## Elements named")).toBeLessThan(text.indexOf("## Latest short-circuit results"));
  });

  it("runs the tools the model calls, with the asker's rights, and records them", async () => {
    const { owner, viewer, projectId } = await assistantProject(api.url);
    const longer = { ...mvFeeder, lines: [{ ...mvFeeder.lines[0], length_km: 8 }] };
    await owner.client.trpc.circuits.save.mutate({ projectId, baseVersion: 1, document: longer });
    fake.reply(
      {
        toolCalls: [
          { name: "run_short_circuit", arguments: { fault: "2ph", buses: ["end"] } },
          { name: "get_bus_results", arguments: { bus: "end" } },
          { name: "list_elements", arguments: { collection: "buses" } },
          { name: "compare_versions", arguments: { from: 1, to: 2 } },
        ],
      },
      { content: "The line-to-line fault current at bus end is lower since L got longer." },
    );
    const first = fake.requests.length;
    const answer = await owner.client.trpc.ai.ask.mutate({
      projectId,
      prompt: "What does the longer line change?",
    });
    expect(answer.answer).toBe("The line-to-line fault current at bus end is lower since L got longer.");
    expect(answer.toolCalls.map((c) => [c.name, c.error])).toEqual([
      ["run_short_circuit", undefined],
      ["get_bus_results", undefined],
      ["list_elements", undefined],
      ["compare_versions", undefined],
    ]);
    expect(answer.usage).toEqual({ model: "gpt-4.1-mini", promptTokens: 240, completionTokens: 60 });
    expect(fake.requests.length).toBe(first + 2);

    // The study really ran: a new simulation of version 2, and its numbers went to the model.
    const studies = await owner.client.trpc.simulations.list.query({ projectId });
    expect(studies.map((s) => [s.version, s.options, s.status])).toEqual([
      [2, expect.objectContaining({ fault: "2ph" }), "succeeded"],
    ]);
    const [simulation] = studies;
    const end = (await resultRows(owner.client, projectId, simulation?.id ?? "")).find(
      (r) => r.bus === "end",
    );
    const followUp = lastRequest().messages;
    expect(followUp.map((m) => m.role)).toEqual([
      "system",
      "system",
      "user",
      "assistant",
      "tool",
      "tool",
      "tool",
      "tool",
    ]);
    const toolResults = followUp.slice(4).map((m) => JSON.parse(m.content ?? ""));
    expect(followUp.slice(4).map((m) => m.tool_call_id)).toEqual(
      followUp[3]?.tool_calls?.map((call) => call.id),
    );
    expect(toolResults[0]).toMatchObject({
      simulationId: simulation?.id,
      version: 2,
      fault: "2ph",
      busesAskedFor: [{ bus: "end", ikss_ka: end?.ikss_ka }],
    });
    expect(toolResults[1]).toMatchObject({
      simulationId: simulation?.id,
      result: { bus: "end", ikss_ka: end?.ikss_ka },
    });
    expect(toolResults[2]).toMatchObject({ collection: "buses", total: 3, more: false });
    expect(toolResults[2].elements.map((e: { id: string }) => e.id)).toEqual(["hv", "mv", "end"]);
    expect(toolResults[3]).toMatchObject({
      changed: { count: 1, items: [{ collection: "lines", id: "L", fields: ["length_km"] }] },
      added: { count: 0 },
    });

    // Stored: the question, the round of calls with each result, the answer.
    const conversation = await viewer.client.trpc.ai.conversations.get.query({
      projectId,
      conversationId: answer.conversationId,
    });
    expect(conversation.messages.map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "tool",
      "tool",
      "tool",
      "assistant",
    ]);
    expect(conversation.messages[1]?.toolCalls).toHaveLength(4);
    expect(conversation.messages[2]?.toolCalls).toEqual([
      expect.objectContaining({ name: "run_short_circuit", arguments: '{"fault":"2ph","buses":["end"]}' }),
    ]);

    // A viewer may ask, but the assistant cannot run a study for them.
    fake.reply(
      { toolCalls: [{ name: "run_short_circuit", arguments: { fault: "3ph", case: "min" } }] },
      { content: "You need the editor role to run a study." },
    );
    const refused = await viewer.client.trpc.ai.ask.mutate({ projectId, prompt: "Run the minimum case." });
    expect(refused.toolCalls[0]?.error).toBe("this needs the editor role on the project (you are viewer)");
    expect(JSON.parse(lastRequest().messages.at(-1)?.content ?? "")).toEqual({
      error: refused.toolCalls[0]?.error,
    });
    expect(await owner.client.trpc.simulations.list.query({ projectId })).toHaveLength(1);
  });

  it("answers an identical question from the cache without calling the model", async () => {
    const { owner, projectId } = await assistantProject(api.url);
    fake.reply({ content: "Use a breaker rated above 16 kA." });
    const prompt = "Which breaking capacity do I need at bus mv?";
    const first = await owner.client.trpc.ai.ask.mutate({ projectId, prompt });
    const calls = fake.requests.length;
    const second = await owner.client.trpc.ai.ask.mutate({ projectId, prompt });
    expect(fake.requests.length).toBe(calls);
    expect(second).toMatchObject({
      answer: first.answer,
      cached: true,
      usage: { promptTokens: 0, completionTokens: 0 },
    });
    expect(second.conversationId).not.toBe(first.conversationId);
    const usage = await api.deps.database.db
      .select({ cached: aiUsage.cached, prompt: aiUsage.promptTokens, completion: aiUsage.completionTokens })
      .from(aiUsage)
      .where(eq(aiUsage.projectId, projectId))
      .orderBy(aiUsage.id);
    expect(usage).toEqual([
      { cached: false, prompt: 120, completion: 30 },
      { cached: true, prompt: 0, completion: 0 },
    ]);
    // A new study changes the context: the model is asked again.
    await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study });
    expect((await owner.client.trpc.ai.ask.mutate({ projectId, prompt })).cached).toBe(false);
    expect(fake.requests.length).toBe(calls + 1);
  });

  it("keeps conversations per project and sends the history when one is continued", async () => {
    const { owner, viewer, projectId } = await assistantProject(api.url);
    fake.reply({ content: "First answer." });
    const first = await owner.client.trpc.ai.ask.mutate({ projectId, prompt: "First question?" });
    const other = await owner.client.trpc.ai.ask.mutate({ projectId, prompt: "Unrelated question?" });
    fake.reply({ content: "Second answer." });
    const second = await viewer.client.trpc.ai.ask.mutate({
      projectId,
      prompt: "And the follow-up?",
      conversationId: first.conversationId,
    });
    expect(second.conversationId).toBe(first.conversationId);
    expect(lastRequest().messages.slice(2)).toEqual([
      { role: "user", content: "First question?" },
      { role: "assistant", content: "First answer." },
      { role: "user", content: "And the follow-up?" },
    ]);

    const list = await viewer.client.trpc.ai.conversations.list.query({ projectId });
    expect(list.map((c) => [c.id, c.title])).toEqual([
      [first.conversationId, "First question?"],
      [other.conversationId, "Unrelated question?"],
    ]);
    const got = await viewer.client.trpc.ai.conversations.get.query({
      projectId,
      conversationId: first.conversationId,
    });
    expect(got.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "First question?"],
      ["assistant", "First answer."],
      ["user", "And the follow-up?"],
      ["assistant", "Second answer."],
    ]);

    // A conversation of another project does not exist here.
    const elsewhere = await owner.client.trpc.projects.create.mutate({ name: "Elsewhere" });
    const ids = { projectId: elsewhere.id, conversationId: first.conversationId };
    await expectTrpcError(owner.client.trpc.ai.conversations.get.query(ids), "NOT_FOUND");
    await expectTrpcError(owner.client.trpc.ai.ask.mutate({ ...ids, prompt: "Hello?" }), "NOT_FOUND");
  });

  it("streams the answer's tokens in order over a subscription, after the tool rounds", async () => {
    const { viewer, projectId } = await assistantProject(api.url);
    fake.reply(
      { toolCalls: [{ name: "list_elements", arguments: { collection: "lines" } }] },
      { content: "Line L is 5 km long." },
    );
    const calls = fake.requests.length;
    const events: AssistantStreamEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      viewer.client.trpc.ai.askStream.subscribe(
        { projectId, prompt: "How long is line L?" },
        { onData: (event) => events.push(event), onError: reject, onComplete: resolve },
      );
    });
    expect(fake.requests.slice(calls).map((r) => r.stream)).toEqual([true, true]);
    const tokens = events.filter((e) => e.type === "token").map((e) => e.text);
    expect(tokens).toEqual(["Line ", "L ", "is ", "5 ", "km ", "long."]);
    const done = events.at(-1);
    expect(done).toMatchObject({
      type: "done",
      answer: "Line L is 5 km long.",
      cached: false,
      toolCalls: [{ name: "list_elements", arguments: '{"collection":"lines"}' }],
    });
    const tool = JSON.parse(lastRequest().messages.at(-1)?.content ?? "");
    expect(tool.elements).toEqual([expect.objectContaining({ id: "L", length_km: 5 })]);
    if (done?.type !== "done") throw new Error("no done event");
    const stored = await viewer.client.trpc.ai.conversations.get.query({
      projectId,
      conversationId: done.conversationId,
    });
    expect(stored.messages.at(-1)?.content).toBe("Line L is 5 km long.");
  });

  it("refuses users of another company with NOT_FOUND", async () => {
    const { owner, projectId } = await assistantProject(api.url);
    const answer = await owner.client.trpc.ai.ask.mutate({ projectId, prompt: "Anything?" });
    const stranger = await signUpCompany(api.url, "ai-stranger");
    const calls = fake.requests.length;
    await expectTrpcError(stranger.client.trpc.ai.ask.mutate({ projectId, prompt: "Tell me." }), "NOT_FOUND");
    await expectTrpcError(stranger.client.trpc.ai.conversations.list.query({ projectId }), "NOT_FOUND");
    await expectTrpcError(
      stranger.client.trpc.ai.conversations.get.query({ projectId, conversationId: answer.conversationId }),
      "NOT_FOUND",
    );
    const own = await stranger.client.trpc.projects.create.mutate({ name: "Own" });
    await expectTrpcError(
      stranger.client.trpc.ai.conversations.get.query({
        projectId: own.id,
        conversationId: answer.conversationId,
      }),
      "NOT_FOUND",
    );
    const streamed = new Promise((resolve, reject) => {
      stranger.client.trpc.ai.askStream.subscribe(
        { projectId, prompt: "Tell me." },
        { onData: () => {}, onError: reject, onComplete: () => resolve(undefined) },
      );
    });
    await expectTrpcError(streamed, "NOT_FOUND");
    expect(fake.requests.length).toBe(calls);
  });
});
