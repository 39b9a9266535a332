import { type ClientRequest, get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";

/**
 * Just enough of EventSource for tRPC's httpSubscriptionLink: Node has none without
 * --experimental-eventsource. It does not reconnect: a dropped stream is reported as a browser
 * would (an error while CONNECTING), then, shortly after, as given up (an error while CLOSED).
 * node:http without a keep-alive agent, so a closed stream leaves no socket holding the process.
 */
export class NodeEventSource extends EventTarget {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  readonly #request: ClientRequest;

  constructor(url: string, init: { headers?: Record<string, string> } = {}) {
    super();
    const headers = { ...init.headers, accept: "text/event-stream" };
    const get = url.startsWith("https:") ? httpsGet : httpGet;
    this.#request = get(url, { headers, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return this.#fail();
      }
      this.readyState = this.OPEN;
      this.dispatchEvent(new Event("open"));
      res.setEncoding("utf8");
      let buffer = "";
      let type = "message";
      let data: string[] = [];
      let lastEventId = "";
      res.on("data", (chunk: string) => {
        const lines = (buffer + chunk).split(/\r?\n/);
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          if (line === "") {
            if (data.length > 0)
              this.dispatchEvent(new MessageEvent(type, { data: data.join("\n"), lastEventId }));
            type = "message";
            data = [];
            continue;
          }
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") type = value;
          else if (field === "data") data.push(value);
          else if (field === "id") lastEventId = value;
        }
      });
      res.on("close", () => {
        if (this.readyState === this.CLOSED) return;
        this.readyState = this.CONNECTING;
        this.dispatchEvent(new Event("error"));
        setTimeout(() => this.#fail(), 100);
      });
    });
    this.#request.on("error", () => this.#fail());
  }

  close() {
    this.readyState = this.CLOSED;
    this.#request.destroy();
  }

  #fail() {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    this.dispatchEvent(new Event("error"));
  }
}
