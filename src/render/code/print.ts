import { printer, type builders } from 'prettier/doc';
import { declarationDoc } from './layout.js';
import { isData, printDataDeclaration } from './print-data.js';
import type { Declaration } from '../../plan/syntax.js';

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
 * Lays out declarations exactly as prettier would, one after the other on
 * their own lines, without a trailing newline.
 */
export function printDeclarations(declarations: Declaration | readonly Declaration[]): string {
  return Array.isArray(declarations)
    ? (declarations as readonly Declaration[]).map(printDeclaration).join('\n')
    : printDeclaration(declarations as Declaration);
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
