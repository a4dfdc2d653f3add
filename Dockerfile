# syntax=docker/dockerfile:1
# The image of every service: multi-stage, parameterised by the app's name. Build from the workspace root:
#   npx nx docker-build <app>      (docker build -f Dockerfile --build-arg APP=<app> -t $REGISTRY/<app>:$TAG .)
# Nothing here is particular to a service: its port and what the HEALTHCHECK probes come from its contracts
# descriptor (the service listens on its defaultPort unless PORT is set; `prune` writes image.json).
ARG NODE_VERSION=24

# 1. Build with Nx: the whole workspace is the build context (see .dockerignore).
FROM node:${NODE_VERSION} AS build
ARG APP
RUN test -n "${APP}" || (echo 'build arg APP is required: docker build --build-arg APP=<app> .' >&2 && exit 1)
WORKDIR /workspace
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# build → dist/apps/<app>: main.js, a generated package.json and pruned package-lock.json;
# prune → that directory installable on its own (the workspace's overrides) and image.json (the HEALTHCHECK's port)
RUN npx nx run "${APP}:prune" --outputStyle=static

# 2. Runtime: only the bundle and its pruned production dependencies, run as a non-root user.
FROM node:${NODE_VERSION}-slim AS runtime
ARG APP
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    MS_STATE_DIR=/tmp/ms-state
WORKDIR /app
COPY --from=build /workspace/dist/apps/${APP}/ ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force && rm -rf /root/.npm
# uid 1000 is the image's `node` user; numeric so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# Liveness only: never touches dependencies. node, not curl (slim images have no curl). The port is the service's
# (PORT, else its defaultPort); the edge's is its management port (MANAGEMENT_PORT, else 3090), never EXPOSEd.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const { healthPortVariable: v, healthPort: p } = require('/app/image.json'); fetch('http://127.0.0.1:' + (process.env[v] || p) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "main.js"]
