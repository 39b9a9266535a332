# syntax=docker/dockerfile:1
# AmpFlux images, one build and four small runtime targets (docs/deployment.md):
#   docker build --target api     -t ampflux/api .      Hono + tRPC api (port 3001)
#   docker build --target worker  -t ampflux/worker .   graphile-worker: studies, reports, email
#   docker build --target migrate -t ampflux/migrate .  one-shot: applies pending migrations
#   docker build --target web     -t ampflux/web .      Caddy: the built web app + proxy to the apis
# Every RUN is also executed, in this order and as a non-root user, by scripts/test/dockerfile.test.ts
# (no registry is reachable from the test machines, so the images themselves are not built there):
# keep commands relative to WORKDIR and free of container-only paths.

# ---- toolchain: Node (pinned) and the pnpm version of package.json's packageManager -------------
FROM node:24.21.0-bookworm-slim AS base
WORKDIR /app
RUN npm install --global --no-fund --no-audit pnpm@10.34.9

# ---- build: Rust → WASM engine and the web app --------------------------------------------------
FROM base AS build
RUN apt-get update \
  && apt-get install --yes --no-install-recommends rustc cargo libstd-rust-dev-wasm32 lld \
  && rm -rf /var/lib/apt/lists/*
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm --filter @ampflux/sim-wasm build
RUN pnpm --filter @ampflux/web build

# ---- production dependencies of the api, the worker, the migrate step and the CLI only ----------
FROM base AS deps
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
COPY apps/cli/package.json apps/cli/
COPY packages/contracts/package.json packages/contracts/
COPY packages/db/package.json packages/db/
COPY packages/sim-wasm/package.json packages/sim-wasm/
COPY packages/reports/package.json packages/reports/
COPY bench/package.json bench/
RUN pnpm install --frozen-lockfile --prod --filter "@ampflux/api..." --filter "@ampflux/worker..." --filter "@ampflux/cli..."

# ---- runtime base: sources run by Node's type stripping, no compiler, no dev dependencies -------
FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app ./
COPY --chown=node:node packages/contracts packages/contracts
COPY --chown=node:node packages/db packages/db
COPY --chown=node:node packages/reports packages/reports
COPY --chown=node:node packages/sim-wasm/package.json packages/sim-wasm/
COPY --chown=node:node packages/sim-wasm/src packages/sim-wasm/src
COPY --from=build --chown=node:node /app/packages/sim-wasm/wasm packages/sim-wasm/wasm
# `ampflux companies …` / `licence set` for operators (docs/deployment.md), in every app image.
COPY --chown=node:node apps/cli apps/cli
USER node

FROM runtime AS migrate
CMD ["node", "packages/db/src/cli/migrate.ts"]

FROM runtime AS api
COPY --chown=node:node apps/api apps/api
ENV API_HOST=0.0.0.0 API_PORT=3001
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.API_PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "apps/api/src/main.ts"]

FROM runtime AS worker
COPY --chown=node:node apps/worker apps/worker
ENV WORKER_METRICS_HOST=127.0.0.1 WORKER_METRICS_PORT=9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.WORKER_METRICS_PORT+'/metrics').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "apps/worker/src/main.ts"]

# ---- web: the static app and the reverse proxy in front of the apis -----------------------------
FROM caddy:2.10.2-alpine AS web
COPY deploy/Caddyfile /etc/caddy/Caddyfile
COPY --from=build /app/apps/web/dist /srv
# Caddy keeps its state under XDG folders; /data and /config belong to root in the base image.
ENV XDG_DATA_HOME=/tmp/caddy/data XDG_CONFIG_HOME=/tmp/caddy/config
USER nobody
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
