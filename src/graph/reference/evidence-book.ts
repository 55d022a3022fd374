/**
 * What the reference tables can show as evidence: the pages of sources.csv (title, publisher, kind …) and
 * the verbatim quotes of quotes.csv, each supporting one claim of one row. A row's statement cites its
 * pages with the quotes that support it; a page with no such quote is cited with a `note` saying why,
 * never with words that are not the page's (the table's own cells quote the `reference-tables` Source).
 */
import type { Evidence, NodeFact } from '../facts.ts';
import type { FactCollector } from './fact-collector.ts';
import { type QuoteRow, quoteRowSchema, readRows, type SourceRow, sourceRowSchema } from './rows.ts';

/** One claim a quote supports: `approved_year=1992 (document dated …)` → field, value, detail. */
export interface Claim {
  field: string;
  /** `=` for the value itself, `<=` for a bound ("approved by 2014-12-04 at the latest"). */
  relation: '=' | '<=';
  value: string;
  detail?: string;
}

export interface QuoteEntry extends QuoteRow {
  claims: Claim[];
}

export type QuoteTable = QuoteRow['table'];

/** Splits a `claim` cell into its claims; a cell with no `field=value` part is a claim of its own text. */
export function parseClaims(cell: string): Claim[] {
  const claims: Claim[] = [];
  for (const part of cell.split(';').map((p) => p.trim())) {
    const match = /^([a-z_]+)\s*(<=|=)\s*([^\s(]+)\s*(?:\((.*)\))?/.exec(part);
    if (!match) {
      claims.push({ field: part, relation: '=', value: '' });
      continue;
    }
    const [, field, relation, value, detail] = match as unknown as [
      string,
      string,
      '=' | '<=',
      string,
      string?,
    ];
    claims.push({ field, relation, value, ...(detail && { detail }) });
  }
  return claims;
}

/** Source kinds from the most to the least authoritative: the headline rule reads this order. */
export const SOURCE_KIND_ORDER = [
  'official',
  'press',
  'academic',
  'encyclopedia',
  'aggregator',
  'unknown',
] as const;

export class EvidenceBook {
  private readonly pages: Map<string, SourceRow>;
  private readonly quotesByRow = new Map<string, QuoteEntry[]>();
  /** Every quote of quotes.csv by page: what check:data compares stored quotes against. */
  readonly quotesByUrl = new Map<string, Set<string>>();

  constructor(sources: SourceRow[], quotes: QuoteRow[]) {
    this.pages = new Map(sources.map((row) => [row.url, row]));
    for (const row of quotes) {
      if (!this.pages.has(row.url)) throw new Error(`quotes.csv cites ${row.url}, which sources.csv lacks`);
      const id = `${row.table}|${row.row_id}`;
      const entry = { ...row, claims: parseClaims(row.claim) };
      this.quotesByRow.set(id, [...(this.quotesByRow.get(id) ?? []), entry]);
      const set = this.quotesByUrl.get(row.url) ?? new Set<string>();
      set.add(row.quote);
      this.quotesByUrl.set(row.url, set);
    }
  }

  static read(sourcesPath: string, quotesPath: string): EvidenceBook {
    return new EvidenceBook(readRows(sourcesPath, sourceRowSchema), readRows(quotesPath, quoteRowSchema));
  }

  page(url: string): SourceRow | undefined {
    return this.pages.get(url);
  }

  /** The quotes of a row, optionally only those supporting one of `fields`. */
  quotes(table: QuoteTable, rowId: string, fields?: readonly string[]): QuoteEntry[] {
    const all = this.quotesByRow.get(`${table}|${rowId}`) ?? [];
    if (!fields) return all;
    return all.filter((q) => q.claims.some((c) => fields.includes(c.field)));
  }

  /**
   * The Source node's properties for a page: title, publisher, kind, language, date and whether it could
   * be seen. A page whose title could not be read gets a title supplied in square brackets (the
   * cataloguing convention for a title not taken from the item itself).
   */
  sourceProperties(url: string, fallbackName: string): NonNullable<NodeFact['properties']> {
    const page = this.pages.get(url);
    if (!page) return { url, title: `[${fallbackName}]` };
    return {
      url,
      title: page.title || `[${page.seen === 'yes' ? 'untitled page' : 'page not seen'}: ${fallbackName}]`,
      publisher: page.publisher,
      kind: page.kind,
      seen: page.seen === 'yes',
      ...(page.language && { language: page.language }),
      ...(page.published && { date: page.published, year: Number(page.published.slice(0, 4)) }),
    };
  }

  /** Why a page is cited without a quote. */
  missingQuoteNote(url: string, what: string): string {
    const page = this.pages.get(url);
    if (page?.seen === 'no')
      return `No quote: the page could not be seen (sources.csv seen=no); the table cites it for ${what}.`;
    return `No quote: no words of this page supporting ${what} were found (quotes.csv has none for this row and page).`;
  }

  /**
   * Evidence for one claim of a row from the pages it cites: each quote of quotes.csv supporting one of
   * `fields` (from any page, the row's or a further one), and each of the row's pages without such a
   * quote with a note. `addSource` creates the Source node of a page.
   */
  evidenceFor(
    table: QuoteTable,
    rowId: string,
    fields: readonly string[],
    rowPages: { url: string; key: string }[],
    addSource: (url: string) => string,
    what: string,
  ): Evidence[] {
    const quotes = this.quotes(table, rowId, fields);
    const evidence: Evidence[] = quotes.map((q) => ({ source: addSource(q.url), quote: q.quote }));
    for (const page of rowPages) {
      if (quotes.some((q) => q.url === page.url)) continue;
      evidence.push({ source: page.key, note: this.missingQuoteNote(page.url, what) });
    }
    return evidence;
  }
}

/** Adds a page's Source node to the collector, once. */
export function addPageSource(
  facts: FactCollector,
  book: EvidenceBook,
  url: string,
  key: string,
  name: string,
): void {
  facts.addNode({ label: 'Source', key, name, properties: book.sourceProperties(url, name), evidence: [] });
}
