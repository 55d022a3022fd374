/**
 * `npm run schema:print`: writes the sorted SDL to schema/schema.graphql, and beside it what clients'
 * caches need (src/schema/client-files.ts): schema/possible-types.json, schema/cache-policies.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cachePoliciesOf, json, possibleTypesOf } from '../schema/client-files.ts';
import { printedSchema, schema } from '../schema/index.ts';

const files: [string, string][] = [
  ['schema.graphql', printedSchema()],
  ['possible-types.json', json(possibleTypesOf(schema))],
  ['cache-policies.json', json(cachePoliciesOf(schema))],
];
for (const [name, text] of files) {
  const target = fileURLToPath(new URL(`../../schema/${name}`, import.meta.url));
  writeFileSync(target, text);
  process.stderr.write(`wrote ${target}\n`);
}
