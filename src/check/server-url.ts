import type { RenderedFile } from '../plan/project-files.js';
import { MANIFEST_PATH, sha256 } from '../render/manifest-file.js';
import { generateCommand, type FixContext } from './fix-command.js';
import type { FindingDraft } from './report.js';

/** What the committed files say about the spec's server URL, next to the current one. */
export interface ServerUrlDrift {
  /** Fresh files with the committed URL put back where they differ only by it. */
  regenerated: RenderedFile[];
  /** The finding when the URL changed in more than scheme, host or port. */
  finding?: FindingDraft;
}

const URL_PARTS = ['scheme', 'host', 'port', 'path'] as const;
type UrlPart = (typeof URL_PARTS)[number];

/**
 * The spec's server URL only seeds documentation and `.env.example` (the
 * server reads its base URL from the environment), and CI often serves the
 * API on another host or port than the developer who generated the project.
 * So a generated file that differs from the committed one only where the
 * URL is written is not outdated when scheme, host or port alone changed; a
 * changed path (`/v1` → `/v2`) is drift, and the finding says which parts.
 */
export function reconcileServerUrl(input: {
  currentUrl: string | undefined;
  regenerated: RenderedFile[];
  committed: ReadonlyMap<string, string>;
  context: FixContext;
  /** Allowlist location anchoring the finding (its `tools:` key). */
  at: FindingDraft['location'];
}): ServerUrlDrift {
  const { currentUrl } = input;
  if (!currentUrl) return { regenerated: input.regenerated };
  const olds = new Set<string>();
  // Each file put back changes its hash in the fresh manifest: fresh hash → committed hash.
  const hashes = new Map<string, string>();
  const reconciled = input.regenerated.map((file) => {
    const committed = input.committed.get(file.path);
    if (committed === undefined || committed === file.content || !file.content.includes(currentUrl)) return file;
    const old = urlWrittenInstead({ fresh: file.content, committed, url: currentUrl });
    if (old === undefined) return file;
    olds.add(old);
    hashes.set(sha256(file.content), sha256(committed));
    return { ...file, content: committed };
  });
  const regenerated = reconciled.map((file) => {
    if (file.path !== MANIFEST_PATH || hashes.size === 0) return file;
    let content = file.content;
    for (const [fresh, committed] of hashes) content = content.split(fresh).join(committed);
    // The generation digest covers the URL too: it follows the files put back.
    const freshDigest = recordedDigest(content);
    const committedDigest = recordedDigest(input.committed.get(MANIFEST_PATH) ?? '');
    if (freshDigest && committedDigest) content = content.split(freshDigest).join(committedDigest);
    return { ...file, content };
  });
  const changed = [...olds]
    .map((old) => ({ old, parts: changedParts({ from: old, to: currentUrl }) }))
    .filter((c) => c.parts.includes('path'));
  const [first] = changed;
  if (!first) return { regenerated };
  return {
    regenerated,
    finding: {
      code: 'MCPGEN_DRIFT_SERVERS_CHANGED',
      category: 'files',
      ...(input.at ? { location: input.at } : {}),
      specPointer: '/servers/0/url',
      subject: 'servers url',
      message: `the spec's server URL changed from ${first.old} to ${currentUrl} (${partsText(first.parts)} changed; a change of scheme, host or port alone is not drift): the generated documentation and .env.example name the old one`,
      fix: `run: ${generateCommand(input.context)}, and check <PREFIX>_BASE_URL where the server is deployed`,
      before: first.old,
      after: currentUrl,
    },
  };
}

/**
 * The URL the committed text has wherever the fresh text has `url`, when that
 * is the only difference (the same URL at every place); otherwise undefined.
 */
export function urlWrittenInstead(input: { fresh: string; committed: string; url: string }): string | undefined {
  const pieces = input.fresh.split(input.url);
  const places = pieces.length - 1;
  const [head = ''] = pieces;
  if (places === 0 || !input.committed.startsWith(head)) return undefined;
  // The same old URL at every place fixes its length; no pattern search over the whole file.
  const extra = input.committed.length - input.fresh.length;
  if (extra % places !== 0) return undefined;
  const length = input.url.length + extra / places;
  const old = input.committed.slice(head.length, head.length + length);
  if (old === input.url || !/^https?:\/\/[^\s"'`<>|]+$/.test(old)) return undefined;
  return pieces.join(old) === input.committed ? old : undefined;
}

/** The manifest's `generationDigest` value, read from its text. */
function recordedDigest(manifest: string): string | undefined {
  return /"generationDigest": "([0-9a-f]{64})"/.exec(manifest)?.[1];
}

/** Which parts of the URL differ. */
export function changedParts(input: { from: string; to: string }): UrlPart[] {
  const parse = (text: string) => {
    try {
      const url = new URL(text);
      return {
        scheme: url.protocol,
        host: url.hostname,
        port: url.port,
        path: url.pathname.replace(/\/+$/, '') + url.search,
      };
    } catch {
      return { scheme: '', host: '', port: '', path: text };
    }
  };
  const a = parse(input.from);
  const b = parse(input.to);
  return URL_PARTS.filter((part) => a[part] !== b[part]);
}

function partsText(parts: UrlPart[]): string {
  if (parts.length === 1) return `its ${parts[0]!}`;
  return `its ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}
