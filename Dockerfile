# syntax=docker/dockerfile:1
# Persona Studio: build stage compiles the server (tsc -p tsconfig.build.json -> dist/, with the SQL migrations) and the web app (vite -> web/dist/); the runtime stage
# holds only compiled output and production dependencies, runs as the unprivileged `node` user, and stops cleanly on
# SIGTERM (the server drains connections, then closes the database). See docs/deploy.md.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The workspace that generates the client's types (tools/openapi-gen); npm ci needs its manifest.
COPY tools/openapi-gen/package.json tools/openapi-gen/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npx tsc -p tsconfig.build.json \
 && mkdir -p dist/db && cp -r src/db/migrations dist/db/ \
 && npm run build:web

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/tools/openapi-gen/package.json tools/openapi-gen/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
