/** `npm run schema:print`: writes the sorted SDL to schema/schema.graphql. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printedSchema } from '../schema/index.ts';

const target = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
writeFileSync(target, printedSchema());
process.stderr.write(`wrote ${target}\n`);
