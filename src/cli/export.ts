/**
 * `npm run export -- --format graphml|csv|json [--out path] [--key K [--depth D]]`: the whole graph, or
 * the neighbourhood of one node, as GraphML (Gephi, NetworkX), the import CSV, or a JSON fact document.
 * docs/import-export.md describes the formats.
 *
 * Data goes to stdout, or to --out (written to a temporary file and renamed, so an interrupted export
 * leaves no half file); progress and logs go to stderr. Exit codes: 0 done; 1 failure; 2 usage or
 * configuration (including a --key that matches no node, or several).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  countNodes,
  createWriter,
  EXPORT_FORMATS,
  type ExportFormat,
  MAX_DEPTH,
  type NodeId,
  neighbourhood,
  nodeExists,
  nodesWithKey,
  PAGE_SIZE,
  readFacts,
  type Selection,
} from '../graph/export.ts';
import { isLabel, type Label } from '../graph/ontology.ts';
import type { Executor } from '../neo4j/executor.ts';
import { UsageError, withNeo4j } from './with-neo4j.ts';

const USAGE = `Usage: npm run export -- --format ${EXPORT_FORMATS.join('|')} [--out path] [--key K [--depth 1-${MAX_DEPTH}]]`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

interface Arguments {
  format: ExportFormat;
  out: string | undefined;
  key: { label?: Label; key: string } | undefined;
  depth: number;
}

function readArguments(): Arguments {
  const parse = () =>
    parseArgs({
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        key: { type: 'string', short: 'k' },
        depth: { type: 'string', short: 'd' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    usage((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n\nWrites the whole graph, or with --key the node and its neighbours up to --depth (default 1)\n` +
        'domain relationships away, to stdout or to --out. --key takes a key, or Label:key when several\n' +
        'labels share the key. Formats: docs/import-export.md\n',
    );
    process.exit(0);
  }
  const format = values.format;
  if (format === undefined) usage('--format is required.');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    usage(`--format ${format}: not a format (${EXPORT_FORMATS.join(', ')}).`);
  }
  if (values.depth !== undefined && values.key === undefined) usage('--depth needs --key.');
  let depth = 1;
  if (values.depth !== undefined) {
    depth = Number(values.depth);
    if (!/^\d+$/.test(values.depth) || depth < 1 || depth > MAX_DEPTH) {
      usage(`--depth ${values.depth}: give a whole number from 1 to ${MAX_DEPTH}.`);
    }
  }
  let key: Arguments['key'];
  if (values.key !== undefined) {
    const at = values.key.indexOf(':');
    if (values.key.trim() === '') usage('--key is empty.');
    if (at >= 0) {
      const label = values.key.slice(0, at);
      if (!isLabel(label)) usage(`--key ${values.key}: ${label} is not a label of the ontology.`);
      key = { label, key: values.key.slice(at + 1) };
    } else key = { key: values.key };
  }
  const out = values.out;
  if (out !== undefined) {
    if (out === '') usage('--out is empty.');
    const folder = path.dirname(path.resolve(out));
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      usage(`--out ${out}: no such folder ${folder}.`);
    if (existsSync(out) && statSync(out).isDirectory()) usage(`--out ${out}: is a folder.`);
  }
  return { format: format as ExportFormat, out, key, depth };
}

/** The node --key names: exactly one, or a usage error that says what to give instead. */
async function startNode(executor: Executor, arg: NonNullable<Arguments['key']>): Promise<NodeId> {
  if (arg.label) {
    const id = { label: arg.label, key: arg.key };
    if (!(await nodeExists(executor, id)))
      throw new UsageError(`--key ${arg.label}:${arg.key}: no such node.`);
    return id;
  }
  const found = await nodesWithKey(executor, arg.key);
  const [only] = found;
  if (!only) throw new UsageError(`--key ${arg.key}: no node has this key.`);
  if (found.length > 1) {
    const refs = found.map((n) => `${n.label}:${n.key}`).join(', ');
    throw new UsageError(`--key ${arg.key} is ambiguous (${refs}); give one of them as --key Label:key.`);
  }
  return only;
}

/** Writes with back-pressure; a consumer that stops reading (`| head`) ends the export quietly. */
async function write(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await once(stream, 'drain');
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const args = readArguments();

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await withNeo4j(async (executor, log) => {
  const started = Date.now();
  let selection: Selection = { kind: 'all' };
  let what = 'the whole graph';
  if (args.key) {
    const start = await startNode(executor, args.key);
    selection = await neighbourhood(executor, start, args.depth);
    what = `the neighbourhood of ${start.label}:${start.key} (depth ${args.depth})`;
  }
  const total = await countNodes(executor, selection);
  const warn = (message: string) => log.warn(message);
  const writer = createWriter(args.format, warn);

  const temporary = args.out ? `${args.out}.${process.pid}.tmp` : undefined;
  const stream: Writable = temporary ? createWriteStream(temporary) : process.stdout;
  const showProgress = total > PAGE_SIZE;
  let nodes = 0;
  let relations = 0;
  try {
    let buffer = writer.begin();
    for await (const item of readFacts(executor, selection, {
      onWarning: warn,
      onProgress: (phase, done) => {
        if (!showProgress) return;
        const line = phase === 'nodes' ? `export: ${done}/${total} nodes` : `export: ${done} relations`;
        process.stderr.write(process.stderr.isTTY ? `\r${line}   ` : `${line}\n`);
      },
    })) {
      if (item.kind === 'node') {
        buffer += writer.node(item.node);
        nodes++;
      } else {
        buffer += writer.relation(item.relation);
        relations++;
      }
      if (buffer.length > 64 * 1024) {
        await write(stream, buffer);
        buffer = '';
      }
    }
    buffer += writer.end();
    await write(stream, buffer);
    if (showProgress && process.stderr.isTTY) process.stderr.write('\n');
    if (temporary && args.out) {
      stream.end();
      await once(stream, 'finish');
      await rename(temporary, args.out);
    } else {
      // Flushed before withNeo4j exits the process.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    }
  } catch (error) {
    if (temporary) {
      stream.destroy();
      await rm(temporary, { force: true });
    }
    throw error;
  }
  process.stderr.write(
    `Exported ${what}: ${plural(nodes, 'node')} and ${plural(relations, 'relation')} as ${args.format} ` +
      `${args.out ? `to ${args.out}` : 'to stdout'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
});
