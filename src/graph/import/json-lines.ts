/** Where things are in a JSON text: the line of each value, by its path, and the line of a position. */
import type { Locator } from './problems.ts';

/** `nodes.3.label` → `nodes[3].label`. */
function jsonPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/**
 * The line of every value (and object member) of a JSON text down to `maxDepth`, keyed by the
 * segments joined with '.'. The text must be valid JSON (JSON.parse checked it). Linear, iterative
 * below `maxDepth`, so deep nesting cannot overflow the stack.
 */
export function jsonLineIndex(text: string, maxDepth = 5): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const n = text.length;

  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++; // closing quote
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skip = () => {
    // Skips one value without recursion, counting lines.
    let depth = 0;
    do {
      space();
      const c = text[i];
      if (c === '"') string();
      else if (c === '{' || c === '[') {
        depth++;
        i++;
      } else if (c === '}' || c === ']') {
        depth--;
        i++;
      } else if (c === ',' || c === ':') i++;
      else while (i < n && !/[\s,\]}]/.test(text[i] as string)) i++;
    } while (depth > 0 && i < n);
  };
  const value = (path: string, depth: number) => {
    space();
    if (!lines.has(path)) lines.set(path, line);
    const c = text[i];
    if (depth >= maxDepth || (c !== '{' && c !== '[')) {
      skip();
      return;
    }
    i++;
    space();
    let index = 0;
    while (i < n && text[i] !== '}' && text[i] !== ']') {
      let child: string;
      if (c === '{') {
        space();
        const keyLine = line;
        const name = string();
        child = path ? `${path}.${name}` : name;
        lines.set(child, keyLine);
        space();
        i++; // ':'
      } else {
        child = path ? `${path}.${index}` : String(index);
      }
      value(child, depth + 1);
      index++;
      space();
      if (text[i] === ',') i++;
      space();
    }
    i++; // closing bracket
  };
  value('', 0);
  return lines;
}

/** Locates the parts of the item at `base` (e.g. `['nodes', 3]`): the line of the closest indexed value, the JSON path. */
export function jsonLocator(index: Map<string, number>, base: readonly PropertyKey[]): Locator {
  return (sub) => {
    const segments = [...base, ...sub];
    for (let k = segments.length; k >= 0; k--) {
      const line = index.get(segments.slice(0, k).map(String).join('.'));
      if (line !== undefined) return { line, path: jsonPath(segments) };
    }
    return { path: jsonPath(segments) };
  };
}

/** The 1-based line of a character position. */
export function lineAtPosition(text: string, position: number): number {
  let line = 1;
  for (let k = 0; k < position && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}
