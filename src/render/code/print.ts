import { printer, type builders } from 'prettier/doc';
import { declarationDoc } from './layout.js';
import { parseDeclarations } from './parse.js';
import { isData, printDataDeclaration } from './print-data.js';
import type { Declaration } from './syntax.js';

type Doc = builders.Doc;

/**
 * The prettier options generated files are laid out for; fixed, so that a
 * user's own prettier config never changes our bytes. The tests format
 * generated files with prettier and these options and expect no change.
 */
export const PRETTIER_OPTIONS = { printWidth: 100, singleQuote: true, trailingComma: 'all', endOfLine: 'lf' } as const;

/** The same, for prettier's doc printer. */
export const DOC_OPTIONS = { printWidth: 100, tabWidth: 2, useTabs: false, endOfLine: 'lf' } as const;

/**
 * Lays out compact declarations (`export const x = z.object({ ... });`, one
 * or more) exactly as prettier would, one per line, without a trailing newline.
 */
export function printDeclarations(source: string): string {
  return parseDeclarations(source).map(printDeclaration).join('\n');
}

function printDeclaration(declaration: Declaration): string {
  if (declaration.kind === 'const' && isData(declaration.value)) {
    const left = `${declaration.exported ? 'export ' : ''}const ${declaration.name}${declaration.type === undefined ? '' : `: ${declaration.type}`}`;
    return printDataDeclaration({ left, value: declaration.value });
  }
  return printDoc(declarationDoc(declaration));
}

export function printDoc(doc: Doc, printWidth: number = DOC_OPTIONS.printWidth): string {
  return printer.printDocToString(doc, { ...DOC_OPTIONS, printWidth }).formatted;
}
