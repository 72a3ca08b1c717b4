import type { ServerModel } from '../model/server.js';
import { isTemplate, resourceListing } from './resource-view.js';
import { toolListing } from './tool-view.js';

/** Rough token estimate for JSON: about four bytes a token for the common tokenizers. */
export function estimateTokens(bytes: number): number {
  return Math.ceil(bytes / 4);
}

/** A tool description larger than this crowds the agent's context. */
export const TOOL_WARN_BYTES = 8_000;
/** The whole `tools/list` larger than this is sent with every conversation turn that lists tools. */
export const TOTAL_WARN_BYTES = 40_000;

export interface ToolsSize {
  tools: Array<{ name: string; bytes: number; tokens: number }>;
  totalBytes: number;
  totalTokens: number;
}

/** Size of what `tools/list` sends: each tool's entry, and the whole result. */
export function measureToolsList(model: ServerModel): ToolsSize {
  const listings = model.tools.map(toolListing);
  const tools = listings.map((listing) => {
    const bytes = Buffer.byteLength(JSON.stringify(listing));
    return { name: listing.name, bytes, tokens: estimateTokens(bytes) };
  });
  const totalBytes = Buffer.byteLength(JSON.stringify({ tools: listings }));
  return { tools, totalBytes, totalTokens: estimateTokens(totalBytes) };
}

/** Size of what `resources/list` and `resources/templates/list` send together: each entry, and both results. */
export function measureResourceLists(model: ServerModel): ToolsSize {
  const fixed = model.resources.filter((r) => !isTemplate(r)).map(resourceListing);
  const templates = model.resources.filter(isTemplate).map(resourceListing);
  const tools = [...fixed, ...templates].map((listing) => {
    const bytes = Buffer.byteLength(JSON.stringify(listing));
    return { name: listing.name, bytes, tokens: estimateTokens(bytes) };
  });
  const totalBytes =
    Buffer.byteLength(JSON.stringify({ resources: fixed })) +
    Buffer.byteLength(JSON.stringify({ resourceTemplates: templates }));
  return { tools, totalBytes, totalTokens: estimateTokens(totalBytes) };
}
