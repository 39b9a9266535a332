// An OpenAI-compatible chat-completions server on loopback for the assistant's tests: it answers
// POST /v1/chat/completions with scripted replies (JSON, or SSE chunks when `stream` is set) and
// records every request body. The api talks to it with the real `openai` client.

import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface ScriptedReply {
  content?: string;
  toolCalls?: ScriptedToolCall[];
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Answer with this status and `body` instead: an upstream error, or a malformed answer. */
  status?: number;
  body?: string;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface ChatRequest {
  model: string;
  stream?: boolean;
  tools?: Array<{ type: string; function: { name: string; parameters: unknown } }>;
  messages: Array<{
    role: string;
    content: string | null;
    tool_call_id?: string;
    tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
  }>;
}

export interface FakeOpenAI {
  /** Base URL without /v1. */
  url: string;
  requests: ChatRequest[];
  /** Queues replies for the next requests; with none queued, the answer is "Default answer." */
  reply(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE = { prompt_tokens: 120, completion_tokens: 30 };

function toolCallsOf(reply: ScriptedReply, requestIndex: number) {
  return (reply.toolCalls ?? []).map((call, i) => ({
    id: `call_${requestIndex}_${i}`,
    type: "function" as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

function completion(reply: ScriptedReply, requestIndex: number, model: string) {
  const toolCalls = toolCallsOf(reply, requestIndex);
  return {
    id: `chatcmpl-${requestIndex}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.content ?? null,
          ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
        },
        finish_reason: toolCalls.length > 0 ? "tool_calls" : "stop",
      },
    ],
    usage: { ...(reply.usage ?? DEFAULT_USAGE), total_tokens: 0 },
  };
}

/** The reply as the streaming API sends it: text word by word, tool calls in two pieces, usage last. */
function chunks(reply: ScriptedReply, requestIndex: number, model: string): unknown[] {
  const base = { id: `chatcmpl-${requestIndex}`, object: "chat.completion.chunk", created: 0, model };
  const chunk = (delta: unknown, finish_reason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason }],
  });
  const toolCalls = toolCallsOf(reply, requestIndex);
  return [
    chunk({ role: "assistant", content: "" }),
    ...(reply.content?.match(/\S+\s*/g) ?? []).map((piece) => chunk({ content: piece })),
    ...toolCalls.flatMap((call, index) => [
      chunk({
        tool_calls: [
          { index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } },
        ],
      }),
      chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] }),
    ]),
    chunk({}, toolCalls.length > 0 ? "tool_calls" : "stop"),
    { ...base, choices: [], usage: { ...(reply.usage ?? DEFAULT_USAGE), total_tokens: 0 } },
  ];
}

async function readJson(req: IncomingMessage): Promise<ChatRequest> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return JSON.parse(body) as ChatRequest;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: ChatRequest[] = [];
  const queue: ScriptedReply[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    const request = await readJson(req);
    const index = requests.push(request) - 1;
    const reply = queue.shift() ?? { content: "Default answer." };
    if (reply.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, reply.delayMs);
        res.once("close", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed) return;
    }
    if (reply.status !== undefined || reply.body !== undefined) {
      res.writeHead(reply.status ?? 200, { "content-type": "application/json" }).end(reply.body ?? "");
      return;
    }
    if (!request.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(completion(reply, index, request.model)));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const data of chunks(reply, index, request.model)) res.write(`data: ${JSON.stringify(data)}\n\n`);
    res.end("data: [DONE]\n\n");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => void queue.push(...replies),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
