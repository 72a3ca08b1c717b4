import { printer, type builders } from 'prettier/doc';
import { declarationDoc, takeMarks } from './layout.js';
import { isData, printDataDeclaration } from './print-data.js';
import { jsonValue, type Declaration, type Expr, type Property } from '../../plan/syntax.js';

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
  if (declaration.kind === 'infer') return printDoc(declarationDoc(declaration));
  // JSON values become literals here, one declaration at a time: the plan holds no tree for them.
  const value = expandJson(declaration.value);
  if (isData(value)) {
    const left = `${declaration.exported ? 'export ' : ''}const ${declaration.name}${declaration.type === undefined ? '' : `: ${declaration.type}`}`;
    return printDataDeclaration({ left, value });
  }
  const first = takeMarks(printDoc(declarationDoc({ ...declaration, value })));
  if (first.broken.size === 0) return first.text;
  // Objects a chain hugs inside an array printed broken: prettier reads them as broken (kept so)
  // and lays the chain out again around them; print it the way it would.
  return takeMarks(printDoc(declarationDoc({ ...declaration, value: withBroken(value, first.broken) }))).text;
}

/** The tree with the given object nodes broken after their `{`. */
function withBroken(expr: Expr, broken: Set<Expr>): Expr {
  switch (expr.kind) {
    case 'object': {
      const properties = expr.properties.map((property) => ({
        key: property.key,
        value: withBroken(property.value, broken),
      }));
      return { kind: 'object', properties, expanded: expr.expanded || broken.has(expr) };
    }
    case 'array':
      return { kind: 'array', elements: expr.elements.map((element) => withBroken(element, broken)) };
    case 'call':
      return {
        kind: 'call',
        callee: withBroken(expr.callee, broken),
        args: expr.args.map((arg) => withBroken(arg, broken)),
      };
    case 'member':
      return { ...expr, object: withBroken(expr.object, broken) };
    case 'negative':
      return { ...expr, argument: withBroken(expr.argument, broken) };
    default:
      return expr;
  }
}

/** The tree with its `json` nodes as literals; nodes without any are kept as they are. */
function expandJson(expr: Expr): Expr {
  switch (expr.kind) {
    case 'json':
      return jsonValue(expr.value);
    case 'object': {
      const properties = expr.properties.map((property): Property => {
        const value = expandJson(property.value);
        return value === property.value ? property : { key: property.key, value };
      });
      return properties.every((property, index) => property === expr.properties[index])
        ? expr
        : { ...expr, properties };
    }
    case 'array': {
      const elements = expr.elements.map(expandJson);
      return elements.every((element, index) => element === expr.elements[index]) ? expr : { ...expr, elements };
    }
    case 'call': {
      const callee = expandJson(expr.callee);
      const args = expr.args.map(expandJson);
      return callee === expr.callee && args.every((arg, index) => arg === expr.args[index])
        ? expr
        : { kind: 'call', callee, args };
    }
    case 'member': {
      const object = expandJson(expr.object);
      return object === expr.object ? expr : { ...expr, object };
    }
    case 'negative': {
      const argument = expandJson(expr.argument);
      return argument === expr.argument ? expr : { ...expr, argument };
    }
    default:
      return expr;
  }
}

export function printDoc(doc: Doc, printWidth: number = DOC_OPTIONS.printWidth): string {
  return printer.printDocToString(doc, { ...DOC_OPTIONS, printWidth }).formatted;
}
