import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 3001}`;
const webPort = Number(process.env.WEB_PORT ?? 5173);

/**
 * The browser talks to one origin; the dev and preview servers forward api paths. Subscriptions
 * (study progress, assistant tokens) are Server-Sent Events on /trpc: see sseProxy.
 */
export function apiProxy(target: string): Record<string, ProxyOptions> {
  // /auth/sso: single sign-on's redirects, so its cookies are set on the web app's origin.
  // /exports: export archives (docs/accounts-lifecycle.md).
  return {
    "/trpc": sseProxy(target),
    // X-Forwarded-For: the api shows /health/detailed only to direct requests from its own
    // machine, and a request through this proxy is the browser's, whatever machine it runs on.
    "/health": {
      target,
      configure(proxy) {
        proxy.on("proxyReq", (proxyReq, req) => {
          proxyReq.setHeader("x-forwarded-for", req.socket.remoteAddress ?? "unknown");
        });
      },
    },
    "/auth/sso": { target },
    "/exports": { target },
  };
}

/**
 * SSE through the proxy: no timeouts on the long-lived stream, no buffering by anything behind
 * it, and the upstream request is aborted when the browser closes the EventSource.
 */
function sseProxy(target: string): ProxyOptions {
  return {
    target,
    timeout: 0,
    proxyTimeout: 0,
    configure(proxy) {
      proxy.on("proxyRes", (proxyRes, req, res) => {
        if (!String(proxyRes.headers["content-type"] ?? "").startsWith("text/event-stream")) return;
        proxyRes.headers["cache-control"] = "no-cache, no-transform";
        proxyRes.headers["x-accel-buffering"] = "no";
        res.on("close", () => proxyRes.destroy());
        req.socket.setKeepAlive(true);
        req.socket.setTimeout(0);
      });
    },
  };
}

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: webPort, strictPort: true, proxy: apiProxy(apiUrl) },
  preview: { host: "127.0.0.1", port: webPort, strictPort: true, proxy: apiProxy(apiUrl) },
  worker: { format: "es" },
  build: { target: "es2022", sourcemap: true, chunkSizeWarningLimit: 1500 },
});
