# syntax=docker/dockerfile:1
#
# The dialer service: TypeScript compiled to JavaScript at build time, run with `node` on the
# Node LTS line. Build from the repository root:
#   docker build -t dialer .
# docker-compose.yml builds it and wires it to Asterisk and Redis.
#
# Three stages: `build` (every dependency, compiles the service and bundles the consoles),
# `prod-deps` (runtime dependencies only: no tsx, TypeScript, esbuild, vitest…), and the
# runtime stage, which gets the compiled code and the runtime dependencies and nothing else.
# test/ship/dockerfile.test.ts checks these rules.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: compile the service and bundle the consoles ---------------------
# better-sqlite3 is a native addon: npm uses its prebuilt binary when one matches this
# Node / glibc, and otherwise compiles it, which needs python3, make and g++ (build stages only).
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# dist/server (the service, with its migrations) and dist/web (the consoles).
RUN npm run build

# --- prod-deps: runtime dependencies only -----------------------------------
FROM ${NODE_IMAGE} AS prod-deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && node -e "require('better-sqlite3')(':memory:').prepare('select 1').get()"

# --- runtime ----------------------------------------------------------------
FROM ${NODE_IMAGE}
# espeak-ng and sox voice the prompt pack into the prompts volume at start (PROMPT_PACK_AT_START).
RUN apt-get update \
 && apt-get install -y --no-install-recommends espeak-ng sox \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3000 \
    DATABASE_PATH=/data/dialer.db \
    RECORDINGS_DIR=/data/recordings \
    PROMPTS_DIR=/data/prompts \
    IMPORTS_DIR=/data/imports \
    PROMPT_PACK_AT_START=true
WORKDIR /app

# Code and dependencies belong to root and are read-only for the service user.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# Data (SQLite database, fetched recordings, uploaded prompts, spooled imports) lives in
# /data, owned by `node` (uid/gid 1000, the same ids as the asterisk user of the Asterisk
# image, so the shared prompts volume works from both sides).
RUN mkdir -p /data/recordings /data/prompts /data/imports \
 && chown -R node:node /data \
 && chmod 2775 /data/prompts
VOLUME ["/data"]

USER node
EXPOSE 3000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# The compiled service, straight under node (not npm: signals reach the process directly,
# so SIGTERM drains live calls).
CMD ["node", "dist/server/main.js"]
