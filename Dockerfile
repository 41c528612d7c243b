# syntax=docker/dockerfile:1
# Cupdate's headless host (`serve`: the web UI and its API) as a container image, for running inside
# a cluster with the manifests in deploy/ (docs/in-cluster.md). Build from the repository root:
#   docker build -t cupdate-desktop:0.1.0 .
ARG NODE_IMAGE=node:20-bookworm-slim

# Compilers for better-sqlite3: npm builds it from source when no prebuilt binary can be fetched.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./

# Everything needed to build: the renderer (vite) and one server bundle (esbuild, which tsx brings).
# Electron is an optional dependency the server never uses.
FROM toolchain AS build
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
RUN npm ci --omit=optional
COPY . .
# The store reads its SQL migrations beside the module that loads them (internal/store/migrations.ts).
RUN node scripts/build-desktop.mjs --renderer --force \
 && npx esbuild internal/cli.ts --bundle --platform=node --format=esm --target=node20 \
      --packages=external --outfile=out/server/cli.js \
 && cp -r internal/store/migrations out/server/migrations

# Only the production dependencies, native modules compiled for this Node.
FROM toolchain AS production-deps
RUN npm ci --omit=dev --omit=optional && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
# package.json says "type": "module", which the ESM bundle needs.
COPY --from=production-deps /src/package.json ./
COPY --from=production-deps /src/node_modules ./node_modules
COPY --from=build /src/out/server ./out/server
# serve finds the renderer at ../../renderer/dist from its own file (internal/serve/main.ts).
COPY --from=build /src/renderer/dist ./renderer/dist
# A numeric user (no entry in /etc/passwd needed) so `runAsNonRoot` can verify it.
USER 10001:10001
EXPOSE 8080
CMD ["node", "out/server/cli.js", "serve", "--host", "0.0.0.0", "--port", "8080", "--data-dir", "/data"]
