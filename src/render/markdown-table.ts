import { displayWidth } from './display-width.js';
import { markdownText } from './escape.js';

export interface MarkdownTable {
  /** Column titles; `code` columns hold identifiers shown as inline code. */
  columns: { title: string; code?: boolean }[];
  rows: string[][];
}

/**
 * A Markdown table padded the way prettier aligns tables (columns at least
 * three wide, delimiter dashes to the column width), so the generated README
 * needs no formatting pass. Cells are escaped for Markdown here.
 */
export function markdownTable(table: MarkdownTable): string {
  const cell = (value: string, column: number): string => {
    const code = table.columns[column]?.code === true && /^[^\s`|](?:[^`|\r\n\u2028\u2029]*[^\s`|])?$/.test(value);
    return code ? `\`${value}\`` : markdownText(value);
  };
  const header = table.columns.map((column) => markdownText(column.title));
  const body = table.rows.map((row) => row.map(cell));
  const widths = header.map((title, column) =>
    Math.max(3, displayWidth(title), ...body.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: string[]): string =>
    `| ${cells.map((text, column) => text + ' '.repeat((widths[column] ?? 0) - displayWidth(text))).join(' | ')} |`;
  const delimiter = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(header), delimiter, ...body.map(line)].join('\n');
}
