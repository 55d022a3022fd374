/** Source keys and evidence for table rows: one Source node per cited URL, quotes cut from the row. */
import { createHash } from 'node:crypto';
import type { EvidenceBook } from './evidence-book.ts';
import type { FactCollector } from './fact-collector.ts';
import { splitList } from './rows.ts';

const MAX_ROW_QUOTE = 200;

/** Lowercase ASCII slug: "Huai'an" → "huaian", "Inner Mongolia" → "inner-mongolia". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A page the curated data already names keeps its key, so both meet in one Source node. */
export function webSourceKey(url: string, knownSources: ReadonlyMap<string, string>): string {
  return knownSources.get(url) ?? `web-${createHash('sha1').update(url).digest('hex').slice(0, 10)}`;
}

/** "zh.wikipedia.org/wiki/国家级高新技术产业开发区", shortened; readable, not unique (the key is). */
function sourceName(url: string): string {
  let name = url;
  try {
    const parsed = new URL(url);
    name = `${parsed.hostname}${safeDecode(parsed.pathname + parsed.search)}`.replace(/\/$/, '');
  } catch {
    // Not a URL we can parse: keep the cell as written.
  }
  return name.length <= 80 ? name : `${name.slice(0, 79)}…`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export class RowSources {
  constructor(
    private readonly facts: FactCollector,
    private readonly knownSources: ReadonlyMap<string, string>,
    private readonly book: EvidenceBook,
  ) {}

  /** The pages of a `source_url` cell (several URLs are separated by ';'), creating their Source nodes. */
  pages(urlCell: string): { url: string; key: string }[] {
    return splitList(urlCell).map((url) => ({ url, key: this.source(url) }));
  }

  /** The Source key of one page, creating its node (title, publisher, kind … from sources.csv). */
  source(url: string): string {
    const key = webSourceKey(url, this.knownSources);
    // A known page's Source node is defined, with its title, by the curated data.
    if (this.knownSources.has(url)) return key;
    const name = sourceName(url);
    this.facts.addNode({
      label: 'Source',
      key,
      name,
      properties: this.book.sourceProperties(url, name),
      evidence: [],
    });
    return key;
  }
}

/** At most `max` characters, cut at a word boundary (or hard, for a long run of Chinese) with an ellipsis. */
export function shortQuote(text: string, max = MAX_ROW_QUOTE): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const head = trimmed.slice(0, max - 1);
  const lastSpace = head.lastIndexOf(' ');
  const cut = lastSpace > max / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s,;:(]+$/, '')}…`;
}
