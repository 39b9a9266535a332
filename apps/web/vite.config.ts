import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 3001}`;
const webPort = Number(process.env.WEB_PORT ?? 5173);

// The browser talks to one origin; the dev and preview servers forward api paths.
const proxy = { "/trpc": apiUrl, "/health": apiUrl };

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: webPort, strictPort: true, proxy },
  preview: { host: "127.0.0.1", port: webPort, strictPort: true, proxy },
  build: { target: "es2022", sourcemap: true },
});
