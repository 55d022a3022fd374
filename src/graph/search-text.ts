/**
 * How search reads names: one normal form for what is stored and what is typed, so that "Zhongguancun
 * Science Park", "ZHONGGUANCUN science-park" and "ｚｈｏｎｇｇｕａｎｃｕｎ　Science Park" are one name.
 *
 * The normal form (`normalise`): Unicode NFKC (full-width letters and digits become ASCII, the
 * ideographic space a space), lower case, every character that is neither a letter nor a digit a space,
 * runs of spaces one space; the ways of writing "hi-tech" ("high-tech", "high tech", "hi tech",
 * "high and new technology", "high-technology", "hitech") all become "hitech". The key form (`nameKey`)
 * also drops a trailing 市/区/省 (city, district, province) from a Chinese name, so "北京市" and "北京"
 * are one name. The compact form drops the spaces: pinyin typed as "zhong guan cun" or "zhongguancun".
 *
 * Every Chinese name also gets its toneless pinyin (pinyin-pro), computed when the entity is written
 * and stored with it (`pinyin`), and every name form its keys (`searchNames`), which the `entity_names`
 * index (keyword analyzer) finds whole, by prefix or inside.
 */
import { pinyin as toPinyin } from 'pinyin-pro';

export const HAN = /\p{Script=Han}/u;
const HAN_ALL = /\p{Script=Han}/gu;
const NOT_WORD = /[^\p{L}\p{N}]/u;

/** "hi-tech" and its spellings, already lower case with punctuation as spaces. */
const HI_TECH = /\b(?:high and new technology|high and new tech|high technology|high tech|hi tech|hitech)\b/g;
const SUFFIX = /(?<=\p{Script=Han})[市区省]$/u;

/** A normalised text with, for each of its characters, the index in the original text it comes from. */
export interface Mapped {
  text: string;
  /** `from[i]` is where `text[i]` starts in the original; `from[text.length]` is the original's length. */
  from: number[];
}

/**
 * The normal form of `value`, with a map back to the original (for highlights). Characters are
 * normalised one code point at a time (NFKC of a lone code point), which is what names need.
 */
export function normaliseMapped(value: string): Mapped {
  const out: string[] = [];
  const from: number[] = [];
  let index = 0;
  const push = (c: string, at: number) => {
    if (c === ' ' && (out.length === 0 || out[out.length - 1] === ' ')) return;
    out.push(c);
    from.push(at);
  };
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 128) {
      // ASCII, most of every name: NFKC leaves it alone.
      const isDigit = code >= 48 && code <= 57;
      const isUpper = code >= 65 && code <= 90;
      const isLower = code >= 97 && code <= 122;
      push(isUpper ? String.fromCharCode(code + 32) : isDigit || isLower ? char : ' ', index);
    } else {
      for (const c of char.normalize('NFKC').toLowerCase()) push(NOT_WORD.test(c) ? ' ' : c, index);
    }
    index += char.length;
  }
  if (out[out.length - 1] === ' ') {
    out.pop();
    from.pop();
  }
  from.push(value.length);
  return replaceMapped({ text: out.join(''), from }, HI_TECH, 'hitech');
}

/** Replaces every match of `pattern` (global) by `by`, keeping the map (the replacement maps to the match). */
function replaceMapped(mapped: Mapped, pattern: RegExp, by: string): Mapped {
  let text = '';
  const from: number[] = [];
  let last = 0;
  for (const match of mapped.text.matchAll(pattern)) {
    const at = match.index ?? 0;
    text += mapped.text.slice(last, at);
    from.push(...mapped.from.slice(last, at));
    text += by;
    for (let i = 0; i < by.length; i++) from.push(mapped.from[at] as number);
    last = at + match[0].length;
  }
  if (last === 0) return mapped;
  text += mapped.text.slice(last);
  from.push(...mapped.from.slice(last));
  return { text, from };
}

const NOT_WORDS = /[^\p{L}\p{N}]+/gu;

/** The normal form (as `normaliseMapped`, without the map: what ranking compares, many times a search). */
export function normalise(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(NOT_WORDS, ' ').trim().replace(HI_TECH, 'hitech');
}

/** The form two names are compared in: normalised, without a trailing 市/区/省. */
export function nameKey(value: string): string {
  return normalise(value).replace(SUFFIX, '');
}

/** Without spaces: how pinyin is compared, however its syllables were typed. */
export function compact(value: string): string {
  return value.replaceAll(' ', '');
}

/** `compact` with its map. */
export function compactMapped(mapped: Mapped): Mapped {
  let text = '';
  const from: number[] = [];
  for (let i = 0; i < mapped.text.length; i++) {
    if (mapped.text[i] === ' ') continue;
    text += mapped.text[i];
    from.push(mapped.from[i] as number);
  }
  from.push(mapped.from[mapped.text.length] as number);
  return { text, from };
}

/**
 * Pinyin already computed, by text: names repeat (a bulk import's "有限公司" companies, one indicator
 * name per year), and pinyin-pro is most of what deriving the search properties costs. Bounded: it is
 * emptied when full, which a long-running server's writes may reach.
 */
const PINYIN_CACHE = new Map<string, string>();
const PINYIN_CACHE_SIZE = 50_000;

/** Toneless pinyin of a Chinese text, syllables separated by spaces ("zhong guan cun ke ji yuan qu"). */
export function pinyinOf(value: string): string {
  let pinyin = PINYIN_CACHE.get(value);
  if (pinyin === undefined) {
    const syllables = toPinyin(value, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' });
    pinyin = normalise(syllables.join(' '));
    if (PINYIN_CACHE.size >= PINYIN_CACHE_SIZE) PINYIN_CACHE.clear();
    PINYIN_CACHE.set(value, pinyin);
  }
  return pinyin;
}

/** The names an entity is known by: its name, its Chinese name, its aliases. */
export interface NamedValues {
  name?: unknown;
  nameZh?: unknown;
  aliases?: unknown;
}

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((v) => typeof v === 'string')
      : [];

/** Pinyin of every Chinese name and alias, in order, without repeats. */
export function pinyinNames(values: NamedValues): string[] {
  const chinese = [...strings(values.nameZh), ...strings(values.aliases), ...strings(values.name)].filter(
    (v) => HAN.test(v),
  );
  return [...new Set(chinese.map(pinyinOf).filter(Boolean))];
}

/** Chinese names longer than this are not also stored from each of their characters on. */
const MAX_HAN_SUFFIXES = 40;

/**
 * Every key the `entity_names` index holds for an entity: each name form, its compact form, and the
 * compact form from each later word (syllable of pinyin, character of Chinese) on, so that a prefix
 * query finds a name by any of its words: "binhai" finds "tianjinbinhaihitech…", "zhangjiang" finds
 * "shanghaizhangjiang…", "张江" finds "上海张江高新…". (A prefix query reads the sorted terms; a
 * leading wildcard would read them all.)
 */
export function searchNames(values: NamedValues, pinyin = pinyinNames(values)): string[] {
  const forms = [...strings(values.name), ...strings(values.nameZh), ...strings(values.aliases), ...pinyin];
  const keys = new Set<string>();
  for (const form of forms) {
    const key = nameKey(form);
    if (!key) continue;
    keys.add(key);
    keys.add(compact(key));
    const parts = key.split(' ');
    for (let i = 1; i < parts.length; i++) keys.add(parts.slice(i).join(''));
    for (const part of parts) {
      const chars = [...part];
      if (!HAN.test(part) || chars.length > MAX_HAN_SUFFIXES) continue;
      for (let i = 1; i < chars.length - 1; i++) keys.add(chars.slice(i).join(''));
    }
  }
  return [...keys];
}

/**
 * The properties search derives from an entity's names, stored with it whenever it is written (seed,
 * import, create, update): `pinyin` (toneless, of each Chinese name) and `searchNames` (the keys).
 */
/** The properties searchProperties writes: derived from the names, so exports leave them out. */
export const SEARCH_PROPERTY_NAMES = ['pinyin', 'searchNames'] as const;

export function searchProperties(values: NamedValues): { pinyin?: string[]; searchNames: string[] } {
  const pinyin = pinyinNames(values);
  return { ...(pinyin.length > 0 && { pinyin }), searchNames: searchNames(values, pinyin) };
}

/** The words of a normalised text: Latin words whole, Chinese as its runs of Han characters. */
export function words(normalised: string): string[] {
  return normalised.split(' ').filter(Boolean);
}

/** How many Han characters a text has. */
export function hanCount(value: string): number {
  return value.match(HAN_ALL)?.length ?? 0;
}
