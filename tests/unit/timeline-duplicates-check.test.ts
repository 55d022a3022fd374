/**
 * checkTimelineWithoutDuplicates (src/graph/quality/model-checks.ts) on timeline rows given by a fake
 * reader: a zone's national status told by two rows of its year is one fact twice, even when the rows'
 * entity sets differ (a14 analyst: Ningbo's curated event and the January 2007 batch; Maoming's
 * generated row and its State Council reply).
 */
import { describe, expect, it } from 'vitest';
import { checkTimelineWithoutDuplicates } from '../../src/graph/quality/model-checks.ts';

const zone = (key: string, approvedYear: number) => ({ key, approvedYear, __labels: ['Zone'] });
const node = (key: string, label: string) => ({ key, __labels: [label] });
const reader = (rows: unknown[]) => ({ read: async () => rows as never });

describe('checkTimelineWithoutDuplicates: one row per zone becoming national', () => {
  it('finds a curated event and an approval batch of the same year both telling Ningbo', async () => {
    const result = await checkTimelineWithoutDuplicates(
      reader([
        {
          year: 2007,
          title: 'Ningbo zone given national status',
          entities: [
            node('ningbo-raised-to-national-2007', 'Event'),
            node('national-hi-tech-zone', 'Designation'),
            zone('ningbo', 2007),
          ],
        },
        {
          year: 2007,
          title: 'State Council approvals of national hi-tech zones, January 2007',
          entities: [
            node('zone-approvals-2007-01', 'Event'),
            node('state-council', 'Organization'),
            zone('ningbo', 2007),
          ],
        },
      ]),
    );
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/ningbo.*January 2007|January 2007.*Ningbo/);
  });

  it('finds the generated "Becomes a national hi-tech zone" row and the approval reply of the same zone', async () => {
    const result = await checkTimelineWithoutDuplicates(
      reader([
        { year: 2018, title: 'Becomes a national hi-tech zone: Maoming', entities: [zone('maoming', 2018)] },
        {
          year: 2018,
          title: 'Issued: State Council reply on the Maoming hi-tech zone (Guohan [2018] No. 44)',
          entities: [
            node('state-council-reply-2018-44', 'Policy'),
            node('state-council', 'Organization'),
            zone('maoming', 2018),
          ],
        },
      ]),
    );
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/Maoming/);
  });

  it('does not count a zone an event of another year involves, nor a designation row, as its national status', async () => {
    const result = await checkTimelineWithoutDuplicates(
      reader([
        {
          year: 1988,
          title: 'Becomes a national hi-tech zone: Zhongguancun',
          entities: [zone('zhongguancun', 1988)],
        },
        {
          year: 2009,
          title: 'Zhongguancun becomes a national innovation demonstration zone',
          entities: [node('zhongguancun-nidz-started-2009', 'Event'), zone('zhongguancun', 1988)],
        },
        {
          year: 1988,
          title: 'Zhongguancun designated: Something',
          entities: [zone('zhongguancun', 1988), node('something', 'Designation')],
        },
      ]),
    );
    expect(result.problems).toEqual([]);
  });
});
