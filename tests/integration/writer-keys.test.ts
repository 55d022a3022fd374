/**
 * The editor's mutations (src/graph/entity-writer.ts) against the seeded Neo4j, on entities of their
 * own: an update keeps the headline of claims true to the property, and mutations find a node by a key
 * it gave up, as reads and imports do.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deleteEntity, linkEntities, unlinkEntities, updateEntity } from '../../src/graph/entity-writer.ts';
import { loadFacts } from '../../src/graph/loader.ts';
import { uniqueKey, useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const source = uniqueKey('src');
const zone = uniqueKey('zone');
const place = uniqueKey('place');
const renamed = `${place}-place`;
const evidence = [{ source, quote: 'Seen.' }];

async function headlines(): Promise<Record<string, boolean>> {
  const rows = await executor.read(
    `MATCH (:Zone {key: $zone})-[c:STATED_IN {property: 'approvedYear'}]->() RETURN c.value AS value, c.headline AS headline`,
    { zone },
  );
  return Object.fromEntries(rows.map((r) => [String(r.value), r.headline as boolean]));
}

afterAll(async () => {
  await executor.write('MATCH (n:Entity) WHERE n.key IN $keys DETACH DELETE n', {
    keys: [source, zone, renamed],
  });
});

describe('editor mutations', () => {
  it('load the test entities', { timeout: 60_000 }, async () => {
    await loadFacts(executor, {
      nodes: [
        { label: 'Source', key: source, name: 'S', evidence: [] },
        {
          label: 'Zone',
          key: zone,
          name: 'Z',
          properties: { approvedYear: 1991 },
          evidence,
          claims: [
            { property: 'approvedYear', value: 1991, source, quote: 'In 1991.' },
            { property: 'approvedYear', value: 1996, source, quote: 'In 1996.' },
          ],
        },
        { label: 'Place', key: renamed, name: 'P', formerKeys: [place], evidence },
      ],
      relations: [],
    });
    expect(await headlines()).toEqual({ 1991: true, 1996: false });
  });

  it('keep a claim headline exactly when its value is the property’s (updateZone approvedYear 2005, 1996, null)', async () => {
    await updateEntity(executor, 'Zone', zone, { properties: { approvedYear: 2005 } });
    expect(await headlines()).toEqual({ 1991: false, 1996: false });
    await updateEntity(executor, 'Zone', zone, { properties: { approvedYear: 1996 } });
    expect(await headlines()).toEqual({ 1991: false, 1996: true });
    await updateEntity(executor, 'Zone', zone, { properties: { approvedYear: null } });
    expect(await headlines()).toEqual({ 1991: false, 1996: false });
    // An update of other properties leaves the headlines alone.
    await updateEntity(executor, 'Zone', zone, { properties: { approvedYear: 1991 } });
    await updateEntity(executor, 'Zone', zone, { description: 'D' });
    expect(await headlines()).toEqual({ 1991: true, 1996: false });
  });

  it('resolve a former key like reads do: updatePlace, linkEntities and unlinkEntities by the key a place gave up', async () => {
    const updated = await updateEntity(executor, 'Place', place, { description: 'Renamed place' });
    expect(updated.key).toBe(renamed);
    const statement = await linkEntities(executor, {
      type: 'LOCATED_IN',
      from: { label: 'Zone', key: zone },
      to: { label: 'Place', key: place },
      evidence: { source, quote: 'There.' },
    });
    expect(statement).toMatchObject({ type: 'LOCATED_IN', sourceKey: source });
    const [row] = await executor.read(
      'MATCH (:Zone {key: $zone})-[r:LOCATED_IN]->(p:Place) RETURN p.key AS key',
      { zone },
    );
    expect(row?.key).toBe(renamed);
    expect(
      await unlinkEntities(executor, {
        type: 'LOCATED_IN',
        from: { label: 'Zone', key: zone },
        to: { label: 'Place', key: place },
      }),
    ).toBe(1);
    expect(await deleteEntity(executor, 'Place', place)).toEqual({ label: 'Place', key: renamed });
  });
});
