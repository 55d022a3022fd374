/**
 * The synthetic graph (generate.ts) as a fact document — the format `npm run import` reads — so that
 * the bulk import is measured on a file of any scale factor through the real command, validation
 * included. Node rows become nodes (key, name, nameZh, aliases, description; the rest properties),
 * SOURCED_FROM rows their evidence, and every other relationship a relation whose evidence is its
 * sourceKey and quote. The generator may state one relation twice by the same source (its online load
 * creates both); the format forbids that, so the file keeps the first.
 */
import { writeFile } from 'node:fs/promises';
import type { FactDocument, NodeFact, RelationFact } from '../src/graph/facts.ts';
import { EVIDENCE_RELATIONSHIP, type RelationshipType } from '../src/graph/ontology.ts';
import type { Dataset } from './generate.ts';

const NODE_MEMBERS = new Set(['key', 'name', 'nameZh', 'aliases', 'description']);

export function toFactDocument(data: Dataset): FactDocument {
  const evidence = new Map<string, NodeFact['evidence']>();
  const relations: RelationFact[] = [];
  const seen = new Set<string>();
  for (const group of data.relations) {
    for (const row of group.rows) {
      const { sourceKey, quote, paragraph, ...properties } = row.props as Record<string, unknown>;
      if (group.type === EVIDENCE_RELATIONSHIP) {
        const id = `${group.from}:${row.from}`;
        const list = evidence.get(id) ?? [];
        list.push({ source: row.to, quote: quote as string, paragraph: paragraph as number | undefined });
        evidence.set(id, list);
      } else {
        const id = `${group.type}|${group.from}:${row.from}|${group.to}:${row.to}|${sourceKey}`;
        if (seen.has(id)) continue;
        seen.add(id);
        relations.push({
          type: group.type as RelationshipType,
          from: `${group.from}:${row.from}`,
          to: `${group.to}:${row.to}`,
          ...(Object.keys(properties).length ? { properties } : {}),
          evidence: { source: sourceKey as string, quote: quote as string },
        });
      }
    }
  }
  const nodes: NodeFact[] = data.nodes.flatMap((group) =>
    group.rows.map((row) => {
      const properties = Object.fromEntries(Object.entries(row).filter(([k]) => !NODE_MEMBERS.has(k)));
      return {
        label: group.label,
        key: row.key as string,
        name: row.name as string,
        ...(row.nameZh === undefined ? {} : { nameZh: row.nameZh as string }),
        ...(row.aliases === undefined ? {} : { aliases: row.aliases as string[] }),
        ...(row.description === undefined ? {} : { description: row.description as string }),
        ...(Object.keys(properties).length ? { properties } : {}),
        evidence: evidence.get(`${group.label}:${row.key}`) ?? [],
      };
    }),
  );
  return { nodes, relations };
}

export async function writeFactFile(file: string, data: Dataset): Promise<void> {
  await writeFile(file, JSON.stringify(toFactDocument(data)));
}
