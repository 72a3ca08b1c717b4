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

/** Texts formatted earlier in this process: the runtime files are the same in every project generated. */
const memo = new Map<string, string>();
const MEMO_ENTRIES = 128;
const MEMO_MAX_CHARS = 64_000;

/** Formats in memory, so goldens, `check` and disk compare the same bytes. */
export async function formatFile(input: { path: string; content: string }): Promise<string> {
  const parser = parserFor(input.path);
  if (!parser) return input.content;
  const key = input.content.length <= MEMO_MAX_CHARS ? `${parser}\u0000${input.content}` : undefined;
  const known = key === undefined ? undefined : memo.get(key);
  if (known !== undefined) return known;
  const formatted = await prettier.format(input.content, { ...OPTIONS, parser });
  if (key !== undefined) {
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value ?? '');
    memo.set(key, formatted);
  }
  return formatted;
}
