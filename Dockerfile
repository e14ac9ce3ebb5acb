# Hookbench as a headless team server: `hookbench serve` with the UI/API behind a TLS-terminating
# reverse proxy (README, "Team server"). Build: docker build -t hookbench .
# Run:   docker run -d --name hookbench -v hookbench-data:/data -e HOOKBENCH_TOKEN=… -p 127.0.0.1:8990:8990 \
#          -p 127.0.0.1:8989:8989 hookbench serve … --api-origin https://hooks.your-company.example
# (the CMD below shows every flag; override it to set your own origin and proxy addresses).

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/out ./out
COPY --from=build /app/bin ./bin
# History and named tokens live in /data (a volume); the process runs unprivileged.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
# 8989: the receiver (webhooks in); 8990: the UI and REST API (for the proxy only).
EXPOSE 8989 8990
ENTRYPOINT ["node", "/app/bin/hookbench.js"]
# In a container the proxy reaches Hookbench over the container network, not loopback: both
# listen on all interfaces of the container, and X-Forwarded-For is believed only from the
# private ranges a Docker network uses (narrow it to your proxy's address).
CMD ["serve", "--data-dir", "/data", "--host", "0.0.0.0", "--receiver-port", "8989", "--api-host", "0.0.0.0", "--ui-port", "8990", "--behind-proxy", "--trusted-proxy", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", "--api-origin", "https://hooks.example.com"]
