/**
 * graphql-codegen (typescript-operations) generates the types of codegen/operations.graphql
 * from schema/schema.graphql; `tsc --strict` then checks an app's use of them (codegen/usage.ts) and
 * the README's frontend code (written to codegen/readme/). The operations also run against the server, and
 * their answers fit what the types say is there.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { writeReadmeBlock } from './readme.ts';
import { useServer } from './server.ts';

const server = useServer();
const dir = fileURLToPath(new URL('./codegen/', import.meta.url));
const schemaFile = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

describe('graphql-codegen', () => {
  it('generates types that type-check under tsc --strict, with the README code', async () => {
    await generate(
      {
        schema: schemaFile,
        documents: `${dir}operations.graphql`,
        silent: true,
        generates: {
          [`${dir}__generated__/types.ts`]: {
            // typescript-operations 6 emits the schema types the operations use by itself.
            plugins: ['typescript-operations'],
            config: { useTypeImports: true, enumType: 'string-literal' },
          },
        },
      },
      true,
    );
    // The README blocks, written where codegen/tsconfig.json finds them.
    for (const name of ['apollo', 'relay']) writeReadmeBlock(name, `${dir}readme/`);
    const tsc = fileURLToPath(new URL('../../node_modules/.bin/tsc', import.meta.url));
    try {
      execFileSync(tsc, ['-p', `${dir}tsconfig.json`], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`tsc: ${(error as { stdout: Buffer }).stdout.toString()}`);
    }
  }, 60_000);

  it('runs the operations: answers without errors', async () => {
    const text = readFileSync(`${dir}operations.graphql`, 'utf8');
    const run = async (operationName: string, variables: Record<string, unknown>) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text, operationName, variables }),
      });
      return (await response.json()) as { data?: any; errors?: unknown };
    };
    const zone = await run('CodegenZone', { key: 'zhongguancun', first: 2 });
    expect(zone.errors).toBeUndefined();
    expect(zone.data.zone.companies.edges).toHaveLength(2);
    const node = await run('CodegenNode', { id: zone.data.zone.id });
    expect(node.errors).toBeUndefined();
    expect(node.data.node).toMatchObject({ __typename: 'Zone', key: 'zhongguancun' });
    const relations = await run('CodegenRelations', { key: 'zhongguancun' });
    expect(relations.errors).toBeUndefined();
    expect(relations.data.entity.relations.edges.length).toBeGreaterThan(0);
  });
});
