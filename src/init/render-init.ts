import { Document, isMap, isScalar, type Pair } from 'yaml';
import type { InitEntry, InitPlan } from './plan-init.js';

const HEADER = (input: { plan: InitPlan; specLabel: string; file: string }) => [
  ` Starter allowlist written by \`mcpgen init\` from ${input.specLabel} (${input.plan.title}).`,
  ' Every operation of the API is listed below as a disabled tool: nothing is',
  ' exposed until you enable it. For each operation the agent should use:',
  '   1. delete its "enabled: false" line;',
  '   2. rewrite its description for the model (what it does, when to use it,',
  "      what it returns): the text here is only the spec's summary;",
  '   3. check its risk: read runs freely, low is audit-logged, medium needs',
  '      confirmation, high needs human approval. The suggestion follows the',
  '      method: GET read, POST low, PUT/PATCH medium, DELETE high;',
  '   4. rename the tool if a clearer verb-first name fits.',
  ' Keep the disabled entries: `mcpgen check` counts them as reviewed and',
  ' reports operations added to the API later as not in the allowlist.',
  ` Then run: mcpgen generate --allowlist ${input.file}`,
];

/** The starter allowlist as YAML: valid for `loadAllowlist` once at least one entry is enabled. */
export function renderInit(input: { plan: InitPlan; specLabel: string; file: string }): string {
  const { plan } = input;
  const doc = new Document({
    spec: plan.spec,
    out: plan.out,
    server: { name: plan.server.name, version: plan.server.version, env_prefix: plan.server.envPrefix },
    tools: {},
  });
  doc.commentBefore = HEADER(input).join('\n');
  const tools = doc.get('tools', true);
  if (!isMap(tools)) throw new Error('unreachable: tools is a map');
  let first = true;
  for (const group of plan.groups) {
    group.entries.forEach((entry, index) => {
      const pair = entryPair({ doc, entry });
      if (index === 0 && isScalar(pair.key)) {
        pair.key.commentBefore = ` ── ${group.tag}${group.description ? `: ${oneLine(group.description)}` : ''} ──`;
        // A blank line between groups, but none right after `tools:`.
        pair.key.spaceBefore = !first;
      }
      first = false;
      tools.items.push(pair);
    });
  }
  return doc.toString({ lineWidth: 100, minContentWidth: 40 });
}

function entryPair(input: { doc: Document; entry: InitEntry }): Pair {
  const { doc, entry } = input;
  const value = doc.createNode({
    enabled: false,
    operation: entry.operation,
    risk: entry.risk,
    ...(entry.description ? { description: oneLine(entry.description) } : {}),
  });
  if (isMap(value)) {
    const operation = value.get('operation', true);
    if (entry.deprecated && isScalar(operation)) operation.comment = ' deprecated in the spec';
    const description = value.get('description', true);
    if (isScalar(description)) description.comment = ' draft from the spec: rewrite for the model';
  }
  return doc.createPair(entry.name, value);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
