/**
 * Before anything is timed: every contender answers every query once, the answers are normalised
 * (queries.ts) and must be deeply equal (ours against raw, the HTTP floor and the peer) — same keys, same order. A difference stops the benchmark.
 */
import { isDeepStrictEqual } from 'node:util';
import { postFloor } from './contenders/floor.ts';
import type { RawContender } from './contenders/raw.ts';
import { postGraphQL, type ServerProcess } from './contenders/server-process.ts';
import type { FixedQuery, Json } from './queries.ts';

export class AnswersDifferError extends Error {
  override name = 'AnswersDifferError';
}

export interface CheckedAnswer {
  query: string;
  /** A short description of the answer's size, for the report. */
  size: string;
}

function describe(answer: Json): string {
  if (Array.isArray(answer)) return `${answer.length} rows`;
  if (answer && typeof answer === 'object') {
    return Object.entries(answer)
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.length : JSON.stringify(v)}`)
      .join(', ');
  }
  return JSON.stringify(answer);
}

function firstDifference(a: Json, b: Json, path = '$'): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i] as Json, b[i] as Json, `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a[k] ?? null) as Json, (b[k] ?? null) as Json, `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 300)} vs ${JSON.stringify(b)?.slice(0, 300)}`;
}

export async function checkAnswers(
  queries: FixedQuery[],
  contenders: { ours: ServerProcess; peer: ServerProcess; floor: ServerProcess; raw: RawContender },
): Promise<CheckedAnswer[]> {
  const checked: CheckedAnswer[] = [];
  for (const q of queries) {
    const ours = q.normalise.ours(await postGraphQL(contenders.ours.url, q.ours));
    const raw = q.normalise.raw(await contenders.raw.run(q));
    let difference = firstDifference(ours, raw);
    if (difference) throw new AnswersDifferError(`${q.name}: ours and raw differ at ${difference}`);
    const floor = q.normalise.raw(await postFloor(contenders.floor.url, q));
    difference = firstDifference(ours, floor);
    if (difference)
      throw new AnswersDifferError(`${q.name}: ours and the HTTP floor differ at ${difference}`);
    if (q.peer) {
      const peer = q.normalise.peer(await postGraphQL(contenders.peer.url, q.peer));
      difference = firstDifference(ours, peer);
      if (difference) throw new AnswersDifferError(`${q.name}: ours and peer differ at ${difference}`);
    }
    if (q.targeted && describe(ours).startsWith('0 ')) {
      throw new AnswersDifferError(
        `${q.name}: every contender answered nothing — the data or the picks are wrong`,
      );
    }
    checked.push({ query: q.name, size: describe(ours) });
  }
  return checked;
}
