# practice-pulse: the bot, its tab and its HTTP API in one Node 22 image.
# Build: docker build -t practice-pulse .   Run: see README "Install in a tenant".

# 1. Compile TypeScript (and the tab, when the project has a tab build) with all dependencies.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && mkdir -p tab/dist

# 2. Production dependencies only.
FROM node:22-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: compiled code, production dependencies, a non-root user.
FROM node:22-slim
ENV NODE_ENV=production \
    ENV=prod \
    PORT=3978 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/tab/dist ./tab/dist
COPY --chown=root:root package.json ./
# why: the app's files stay owned by root (read-only to the app); only the embedded store's folder is writable.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# why: the same Node options as `npm run start:prod` (package.json): a 4 MB young generation instead of the
# 30–50 MB V8 allows, which start-up fills and an idle bot never hands back (~25 MB of resident memory, no cost
# the inbound bench could measure).
CMD ["node", "--max-semi-space-size=4", "dist/src/index.js"]
