/**
 * Summarizes V8 .cpuprofile files (from `node --cpu-prof`): self time by
 * function and by module, and inclusive time by function (each sample counted
 * once per function on its stack, so recursion is not double counted).
 *
 *   tsx bench/src/profile.ts <file.cpuprofile|dir> [--top 25] [--filter text]
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  selfByFunction: Array<[string, number]>;
  selfByModule: Array<[string, number]>;
  inclusiveByFunction: Array<[string, number]>;
}

/** A module is an npm package (node_modules/<name>), an mcpgen source file, or a Node internal. */
export function moduleOf(url: string): string {
  if (url === '') return '(native/vm)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = clean.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? clean);
  }
  if (clean.startsWith('node:')) return 'node (internals)';
  return path.relative(REPO_ROOT, clean);
}

/** The file, relative to its package or to the repo: prettier's plugins are separate files with clashing line numbers. */
export function fileOf(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  if (clean.startsWith('node:')) return clean;
  return path.relative(REPO_ROOT, clean);
}

function frameLabel(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  return `${name} ${fileOf(frame.url)}:${frame.lineNumber + 1}`;
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index] ?? 0;
    totalUs += us;
    const node = byId.get(id);
    if (!node) return;
    const label = frameLabel(node.callFrame);
    self.set(label, (self.get(label) ?? 0) + us);
    const mod =
      node.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : moduleOf(node.callFrame.url);
    modules.set(mod, (modules.get(mod) ?? 0) + us);
    const seen = new Set<string>();
    // Walk to the root; the depth bound guards against a malformed profile.
    for (
      let current: number | undefined = id, depth = 0;
      current !== undefined && depth < 10_000;
      current = parent.get(current), depth += 1
    ) {
      const frame = byId.get(current)?.callFrame;
      if (!frame) break;
      const key = frameLabel(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  });
  const sorted = (map: Map<string, number>) =>
    [...map.entries()].map(([k, v]): [string, number] => [k, v / 1000]).sort((a, b) => b[1] - a[1]);
  return {
    totalMs: totalUs / 1000,
    selfByFunction: sorted(self),
    selfByModule: sorted(modules),
    inclusiveByFunction: sorted(inclusive),
  };
}

export async function loadProfiles(target: string): Promise<CpuProfile[]> {
  const info = await stat(target);
  const files = info.isDirectory()
    ? (await readdir(target)).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f))
    : [target];
  return Promise.all(files.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as CpuProfile));
}

function table(title: string, rows: Array<[string, number]>, totalMs: number, top: number): string {
  const lines = rows
    .slice(0, top)
    .map(
      ([label, ms]) =>
        `| ${ms.toFixed(0).padStart(7)} | ${((100 * ms) / totalMs).toFixed(1).padStart(5)}% | ${label.replace(/\|/g, '\\|')} |`,
    );
  return [`#### ${title}`, '', '|      ms |     % | function / module |', '|---:|---:|---|', ...lines, ''].join('\n');
}

export function renderSummary(summary: ProfileSummary, top: number, filter?: string): string {
  const keep = (rows: Array<[string, number]>) => (filter ? rows.filter(([label]) => label.includes(filter)) : rows);
  return [
    `Total sampled: ${summary.totalMs.toFixed(0)} ms`,
    '',
    table('Self time by module', summary.selfByModule, summary.totalMs, top),
    table('Self time by function', keep(summary.selfByFunction), summary.totalMs, top),
    table('Inclusive time by function', keep(summary.inclusiveByFunction), summary.totalMs, top),
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const target = argv.find((a, i) => !a.startsWith('--') && !['--top', '--filter'].includes(argv[i - 1] ?? ''));
  if (!target) {
    process.stderr.write('usage: tsx bench/src/profile.ts <file.cpuprofile|dir> [--top N] [--filter text]\n');
    process.exitCode = 2;
    return;
  }
  const topIndex = argv.indexOf('--top');
  const top = topIndex >= 0 ? Number(argv[topIndex + 1]) : 25;
  const filterIndex = argv.indexOf('--filter');
  const filter = filterIndex >= 0 ? argv[filterIndex + 1] : undefined;
  for (const profile of await loadProfiles(target))
    process.stdout.write(`${renderSummary(summarizeProfile(profile), top, filter)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await main(process.argv.slice(2));
}
