import type { ToolAnnotations } from '../model/server.js';
import type { HttpMethod, Risk } from '../model/risk.js';

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['get', 'head', 'options', 'put', 'delete', 'trace']);

/**
 * All four hints are always explicit: the MCP defaults for destructive and
 * open-world assume the worst, and some hosts reject tools that omit them.
 */
export function buildAnnotations(input: {
  title: string;
  risk: Risk;
  method: HttpMethod;
  openWorld: boolean;
}): ToolAnnotations {
  const { title, risk, method, openWorld } = input;
  return {
    title,
    readOnlyHint: risk === 'read',
    destructiveHint: risk === 'medium' || risk === 'high',
    idempotentHint: IDEMPOTENT_METHODS.has(method),
    openWorldHint: openWorld,
  };
}

/** `search_customers` → `Search customers`, used when neither allowlist nor spec gives a title. */
export function titleFromName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\-\s]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
