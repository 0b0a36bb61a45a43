# syntax=docker/dockerfile:1
#
# The dialer service (TypeScript, run with tsx). Build from the repository root:
#   docker build -t dialer .
# docker-compose.yml builds it and wires it to Asterisk and Redis.

# --- dependencies -----------------------------------------------------------
# better-sqlite3 is a native addon: npm uses its prebuilt binary when one matches
# Node 20 / glibc, and otherwise compiles it, which needs python3, make and g++.
# They stay in this stage only.
FROM node:20-bookworm-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Full install: `npm start` runs tsx, which is a devDependency. `npm install` rather than
# `npm ci`: the lock cannot list msgpackr-extract's optional platform builds (the registry our
# lock was made against lacks them), which npm ci treats as out of sync; install keeps the lock.
RUN npm install --no-audit --no-fund \
 && node -e "require('better-sqlite3')(':memory:').prepare('select 1').get()"

# --- runtime ----------------------------------------------------------------
FROM node:20-bookworm-slim
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
    PROMPT_PACK_AT_START=true
WORKDIR /app

# Code and dependencies belong to root and are read-only for the service user.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
# The browser consoles, built once into dist/web (the service serves them on its port).
RUN node_modules/.bin/tsx src/web/build.ts

# Data (SQLite database, fetched recordings, uploaded prompts) lives in /data,
# owned by `node` (uid/gid 1000, the same ids as the asterisk user of the
# Asterisk image, so the shared prompts volume works from both sides).
RUN mkdir -p /data/recordings /data/prompts \
 && chown -R node:node /data \
 && chmod 2775 /data/prompts
VOLUME ["/data"]

USER node
EXPOSE 3000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Not `npm start`: that rebuilds the consoles, and /app is read-only for the service user.
CMD ["node_modules/.bin/tsx", "src/main.ts"]
