/**
 * One Neo4j version everywhere: the Docker image (testcontainers, docker-compose.yml) and the Maven
 * artifacts of the local server (neo4j/pom.xml) must name the same 5.26 patch. A unit test checks the
 * three agree.
 */
export const NEO4J_VERSION = '5.26.30';
export const NEO4J_IMAGE = `neo4j:${NEO4J_VERSION}-community`;
