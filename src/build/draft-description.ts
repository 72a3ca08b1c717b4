/**
 * The description `mcpgen init` drafts for an operation: its summary, else the
 * first sentence of its description, on one line. `generate` warns when an
 * enabled tool still has it: it was written for people reading API docs, not
 * for a model choosing a tool.
 */
export function draftDescription(operation: { summary?: unknown; description?: unknown }): string | undefined {
  const summary = typeof operation.summary === 'string' ? operation.summary.trim() : '';
  if (summary) return summary;
  if (typeof operation.description !== 'string') return undefined;
  const first = operation.description
    .trim()
    .split(/(?<=[.!?])\s/)[0]
    ?.trim();
  return first || undefined;
}

/** Text on one line, runs of whitespace as one space: how `init` writes a draft, and how drafts are compared. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
