import { timeToFirstToolsList } from './cold-start.js';
import type { ToolsListSize } from './mcp-client.js';
import type { System } from './servers.js';
import type { BenchSpec } from './specs.js';

export interface ToolsListRow {
  spec: BenchSpec;
  sizes: Record<System, ToolsListSize>;
}

/**
 * What the model receives: the raw `tools/list` result of each running
 * server. The bytes are deterministic, so one listing per server suffices.
 */
export async function benchToolsList(spec: BenchSpec): Promise<ToolsListRow> {
  const size = async (system: System) => (await timeToFirstToolsList({ system, spec })).size;
  return {
    spec,
    sizes: { mcpgen: await size('mcpgen'), generator: await size('generator'), proxy: await size('proxy') },
  };
}
