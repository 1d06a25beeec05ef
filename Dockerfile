# syntax=docker/dockerfile:1
#
# One image, four services. The command names the service to run:
#   docker run … ipzone-hub gateway|organizations|tasks|indicators
# docker-compose.yml runs all four next to PostgreSQL.
#
# Layout: WORKDIR /app holds dist/, seeds/ and gateway/supergraph.graphql side by side,
# because PROJECT_ROOT (lib/config.ts) is the folder above dist/ and the code reads
# PROJECT_ROOT/seeds/*.json and PROJECT_ROOT/gateway/supergraph.graphql.

# Node.js 24, an LTS line the hub supports (package.json engines; 22 works too).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: compile the TypeScript into dist/ ------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# bin/ipzone.js is the package's `prepare` script: it skips the build while no sources are here.
COPY bin ./bin
RUN npm ci
COPY tsconfig.json tsconfig.types.json tsconfig.build.json ./
COPY lib ./lib
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY hub ./hub
COPY seeds ./seeds
COPY scripts ./scripts
COPY dashboard ./dashboard
COPY report ./report
COPY client ./client
RUN npm run build

# ---- runtime: production dependencies, compiled code, seeds, supergraph ---------------
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY bin ./bin
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The seed files of record (read at start when a database is empty) and the plan text they come from.
COPY seeds/*.json ./seeds/
COPY seeds/source ./seeds/source
COPY gateway/supergraph.graphql ./gateway/supergraph.graphql
# Files stay owned by root: the services only read them.
USER node
EXPOSE 4000 4001 4002 4003
# The V8 flags every service runs with: lib/node-flags.ts says why (a test checks they are the same).
ENTRYPOINT ["node", "--max-semi-space-size=16", "--heap-growing-percent=50", "dist/scripts/serve.js"]
