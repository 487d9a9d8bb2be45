# Reference for bench:monorepo only: a Dockerfile in the style of Turborepo's with-docker example
# (examples/with-docker/apps/api/Dockerfile: install from the pruned manifests and lockfile, copy the
# pruned sources, ship /app as a named user), for the same service and base image as dockwright's.
# The example runs `turbo prune <app> --docker` in a builder stage over `COPY . .` of the whole
# repository; bench:monorepo runs the same prune on the host (npx turbo@2.11.11) and builds from
# its `out/` folder, so only the pruned workspace is sent to the daemon.
FROM node:24-slim AS base

FROM base AS installer
WORKDIR /app
# First install the dependencies (they change less often): out/json holds the manifests and lockfile.
COPY json/ .
RUN npm ci
# Then the pruned sources of the service and its internal packages.
COPY full/ .

FROM base AS runner
WORKDIR /app
RUN groupadd --system --gid 1001 nodejs && useradd --system --uid 1001 --gid nodejs service
USER service
COPY --from=installer /app .
ARG SERVICE
ENV SERVICE=${SERVICE}
CMD node packages/$SERVICE/index.js
