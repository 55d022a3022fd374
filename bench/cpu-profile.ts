/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by package (node_modules/<name>, our src/,
 * node internals, idle/GC) and the hottest functions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface CpuSummary {
  file: string;
  sampledSeconds: number;
  byPackage: { name: string; share: number }[];
  hottest: { name: string; share: number }[];
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] as string);
  }
  if (url.startsWith('node:')) return 'node internals';
  const src = url.indexOf('/src/');
  if (src >= 0) return `src/${url.slice(src + 5).split('/')[0]}`;
  return path.basename(url);
}

export function summariseCpuProfile(dir: string): CpuSummary | null {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
  };
  const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
    const fn = `${functionName || '(anonymous)'} ${pkg}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()].map(([name, hits]) => ({ name, share: hits / total })).sort((a, b) => b.share - a.share);
  return {
    file: path.join(path.basename(dir), file),
    sampledSeconds: (profile.endTime - profile.startTime) / 1e6,
    byPackage: ranked(byPackage).slice(0, 25),
    hottest: ranked(byFunction).slice(0, 30),
  };
}
