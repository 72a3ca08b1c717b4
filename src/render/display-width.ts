import { builders, printer } from 'prettier/doc';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The width prettier gives a text (wide East Asian characters and emoji
 * count 2, combining marks 0). prettier's doc printer measures it exactly
 * but does not export the measure, so for non-ASCII text the width is found
 * by asking the printer whether the text fits in a given width.
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let low = 0;
  let high = text.length * 2;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (fits(text, middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function fits(text: string, width: number): boolean {
  const doc = builders.group([text, builders.softline]);
  return !printer.printDocToString(doc, { printWidth: width, tabWidth: 2, useTabs: false }).formatted.includes('\n');
}
