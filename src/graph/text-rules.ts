/**
 * What a text may hold, whichever way it comes in (curation: input-rules.ts; imports and the curated
 * data: facts.ts): nothing invisible, and a name something to read.
 */

/** Shows a short input back; a long one only by its length. */
export function shown(value: string): string {
  return value.length <= 40 ? JSON.stringify(value) : `${value.length} characters`;
}

/**
 * What a text may hold, by its shape: a `name` (name, nameZh, title, each alias) must show at least one
 * letter or digit; a `line` (any other short text) is one line; a `long` text (description, quote) may
 * hold tabs and line breaks.
 */
export type TextShape = 'name' | 'line' | 'long';

/**
 * Characters no text may hold, because they are invisible or change how the text around them shows:
 * - controls (\p{Cc}: C0, DEL, C1), except tab, LF and CR in long texts;
 * - format characters (\p{Cf}): zero-width space, word joiner, soft hyphen, BOM, the bidi embeddings,
 *   overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C), tag characters
 *   (U+E0000–U+E007F, "hidden ASCII"), invisible operators; except the zero-width (non-)joiner, which
 *   Persian, the Indic scripts and emoji sequences need, and then only inside a word (see below);
 * - unpaired surrogates (\p{Cs}), which are no character at all and cannot be stored as UTF-8;
 * - the Hangul fillers U+3164 and U+FFA0, letters that show nothing, used as invisible names;
 * - in one-line texts, the line and paragraph separators U+2028 and U+2029.
 * Private-use and unassigned code points are allowed: they are visible (as a box) and refusing
 * unassigned ones would refuse characters newer than this Node's Unicode tables.
 */
const HIDDEN = {
  line: /[\p{Cc}\p{Cs}\u3164\uFFA0\u2028\u2029]|(?![\u200C\u200D])\p{Cf}/u,
  long: /(?![\t\n\r])[\p{Cc}\p{Cs}\u3164\uFFA0]|(?![\u200C\u200D])\p{Cf}/u,
} as const;
/** A joiner must stand between two visible parts of one word (letters, marks, digits, pictographs). */
const LOOSE_JOINER =
  /(?<![\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}]|\uFE0F)[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{N}\p{Extended_Pictographic}])/u;
/** A letter or digit, once what is ignorable (fillers, variation selectors, joiners) is set aside. */
const VISIBLE = /[\p{L}\p{N}]/u;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

const codePoint = (value: string, at: number) =>
  `U+${(value.codePointAt(at) ?? 0).toString(16).toUpperCase().padStart(4, '0')} at character ${at + 1}`;

/** Why `value` is no acceptable text of `shape`, or null. Linear: the patterns never backtrack. */
export function textProblem(value: string, shape: TextShape): string | null {
  const hidden = (shape === 'long' ? HIDDEN.long : HIDDEN.line).exec(value) ?? LOOSE_JOINER.exec(value);
  if (hidden) {
    const allowed =
      shape === 'long'
        ? 'must not contain control characters other than tabs and line breaks, nor invisible format characters (zero-width spaces, bidi controls)'
        : 'must not contain control characters, line breaks or invisible format characters (zero-width spaces, bidi controls)';
    return `${allowed}; found ${codePoint(value, hidden.index)}`;
  }
  if (shape === 'name' && !VISIBLE.test(value.replace(IGNORABLE, '')))
    return `must contain at least one letter or digit; got ${shown(value)}`;
  return null;
}
