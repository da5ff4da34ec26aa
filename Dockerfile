# Trygg förtroendevald: the bot as a container (App Service for containers or Container Apps).
# Stage 1 builds with the dev dependencies (TypeScript); stage 2 runs with production dependencies only,
# as the unprivileged "node" user. The same steps run without Docker in test/integration/cleanClone.test.ts.

FROM node:20.19-bookworm-slim AS build
WORKDIR /app
# The lockfile first, so the dependency layer is reused while only the source changes.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20.19-bookworm-slim AS runtime
# V8 sized for a small service (as in npm start; README, Benchmarks): young generation 16 MB semi-spaces, old
# generation capped at 256 MB (heap after a full GC ~100 MB), so RSS stays near 200 MB instead of 350-650 MB.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    NODE_OPTIONS="--max-semi-space-size=16 --max-old-space-size=256"
WORKDIR /app
# Only what the running bot reads: the compiled code (dist/src/index.js is one bundle), production node_modules
# (the modules the bundle leaves outside, Azurite), the card templates, the fonts for charts and the knowledge
# base's data (read from src/guidance/data at start-up).
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist/src ./dist/src
# The guidance models npm run build trained (loaded at start instead of training again).
COPY --from=build --chown=node:node /app/dist/models ./dist/models
COPY --from=build --chown=node:node /app/cards ./cards
COPY --from=build --chown=node:node /app/assets ./assets
COPY --from=build --chown=node:node /app/src/guidance/data ./src/guidance/data
USER node
EXPOSE 8080
# Liveness only (no storage check): a storage outage must not get every instance restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node directly (not npm) so SIGTERM reaches the bot, which then finishes its in-flight turns.
CMD ["node", "dist/src/index.js"]
