# The server alone; Neo4j comes from NEO4J_URI (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY cypher ./cypher
COPY data ./data
COPY schema ./schema
COPY scripts ./scripts
# The bundle npm start would build (scripts/build.mjs): built once here, run without tsx.
RUN node scripts/build.mjs
USER node
EXPOSE 4000
CMD ["node", "dist/main.mjs"]
