import * as prettier from 'prettier';

/** Fixed options: the user's own prettier config must not change our bytes. */
const OPTIONS: prettier.Options = {
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  endOfLine: 'lf',
};

function parserFor(filePath: string): string | undefined {
  if (filePath.endsWith('.ts')) return 'typescript';
  if (filePath.endsWith('.json')) return 'json';
  if (filePath.endsWith('.md')) return 'markdown';
  return undefined;
}

/** Formats in memory, so goldens, `check` and disk compare the same bytes. */
export async function formatFile(input: { path: string; content: string }): Promise<string> {
  const parser = parserFor(input.path);
  if (!parser) return input.content;
  return prettier.format(input.content, { ...OPTIONS, parser });
}
