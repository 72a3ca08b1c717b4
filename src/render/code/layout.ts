import { builders, utils } from 'prettier/doc';

type Doc = builders.Doc;
import { jsonValue } from '../../plan/syntax.js';
import { printKey, printLeaf, printString } from './literals.js';
import type { Declaration, Expr, Property } from '../../plan/syntax.js';

/**
 * Syntax trees to prettier documents, following the choices prettier's
 * JavaScript printer makes for these node kinds (member chains, call
 * arguments, assignment layouts, objects, arrays), so that the text printed
 * from them is what prettier itself would print. Options are mcpgen's fixed
 * ones: printWidth 100, tabWidth 2, singleQuote, trailingComma all.
 */

const {
  group,
  indent,
  line,
  softline,
  hardline,
  ifBreak,
  conditionalGroup,
  breakParent,
  join,
  fill,
  indentIfBreak,
  lineSuffixBoundary,
} = builders;
const { willBreak } = utils;

const TAB_WIDTH = 2;
const PRINT_WIDTH = 100;

export function declarationDoc(declaration: Declaration): Doc {
  const exported = declaration.exported ? 'export ' : '';
  if (declaration.kind === 'infer') {
    // A type alias: the `z.infer<…>` argument moves to its own line when the line is too long.
    const id = Symbol('type-alias');
    const right = ['z.infer', group(['<', indent([softline, 'typeof ', declaration.of]), softline, '>'])];
    return [
      exported,
      'type ',
      group([
        declaration.name,
        ' =',
        group(indent(line), { id }),
        lineSuffixBoundary,
        indentIfBreak(right, { groupId: id }),
      ]),
      ';',
    ];
  }
  const left = declaration.type === undefined ? declaration.name : `${declaration.name}: ${declaration.type}`;
  return group([
    exported,
    'const ',
    assignment({ left, operator: ' =', right: declaration.value, property: false }),
    ';',
  ]);
}

export function exprDoc(expr: Expr): Doc {
  switch (expr.kind) {
    case 'identifier':
    case 'keyword':
    case 'string':
    case 'number':
      return printLeaf(expr);
    case 'negative':
      return ['-', exprDoc(expr.argument)];
    case 'arrow':
      return expr.text;
    case 'array':
      return arrayDoc(expr.elements);
    case 'object':
      return objectDoc(expr.properties, expr.expanded, markOf(expr));
    case 'member':
      return [exprDoc(expr.object), '.', expr.property];
    case 'call':
      return expr.callee.kind === 'member' ? memberChain(expr).doc : [exprDoc(expr.callee), callArguments(expr.args)];
    case 'json':
      return exprDoc(jsonValue(expr.value));
    case 'measured':
      throw new TypeError('code printer: a measured sub-schema stands in for a tree only in the sharing pass');
  }
}

function objectDoc(properties: Property[], expanded: boolean, mark: Doc = ''): Doc {
  if (properties.length === 0) return '{}';
  const printed = properties.map((property) =>
    group(assignment({ left: printKey(property.key), operator: ':', right: property.value, property: true })),
  );
  return group(['{', mark, indent([line, join([',', line], printed)]), ifBreak(','), line, '}'], {
    shouldBreak: expanded,
  });
}

/**
 * Objects in an array that a chain's last call hugs (`.default([{…}])`): if
 * one is printed broken, prettier keeps it broken when it reads the file
 * again, and that changes how it lays out the chain. Such an object carries a
 * mark, printed only when it breaks (control characters: prettier counts them
 * zero wide), so that the printer can print once more with it broken, as
 * prettier would (see `printDeclarations`).
 */
const watched = new WeakMap<Expr, number>();
/** By id; weak, as docs (and their marks) are cached with the trees they come from. */
const watchedById: Array<WeakRef<Expr>> = [];

function markOf(expr: Expr): Doc {
  const id = watched.get(expr);
  if (id === undefined) return '';
  const digits = [...id.toString(16)].map((digit) => String.fromCharCode(0x02 + parseInt(digit, 16)));
  return ifBreak(`\u0001${digits.join('')}\u0001`, '');
}

const MARK = /\u0001([\u0002-\u0011]+)\u0001/g;

/** The printed text without marks, and the objects whose marks it held (printed broken). */
export function takeMarks(text: string): { text: string; broken: Set<Expr> } {
  const broken = new Set<Expr>();
  if (!text.includes('\u0001')) return { text, broken };
  const clean = text.replace(MARK, (_match, digits: string) => {
    const id = parseInt([...digits].map((char) => (char.charCodeAt(0) - 0x02).toString(16)).join(''), 16);
    const expr = watchedById[id]?.deref();
    if (expr !== undefined) broken.add(expr);
    return '';
  });
  return { text: clean, broken };
}

function watchHuggedObjects(args: Expr[]): void {
  const last = args[args.length - 1];
  if (last?.kind !== 'array' || !shouldExpandLastArg(args)) return;
  for (const element of last.elements) {
    if (element.kind !== 'object' || element.expanded || watched.has(element)) continue;
    watched.set(element, watchedById.length);
    watchedById.push(new WeakRef(element));
  }
}

function arrayDoc(elements: Expr[]): Doc {
  if (elements.length === 0) return '[]';
  const shouldBreak =
    elements.length > 1 &&
    elements.every((element, index) => {
      const next = elements[index + 1];
      if (next !== undefined && next.kind !== element.kind) return false;
      if (element.kind === 'object') return element.properties.length > 1;
      if (element.kind === 'array') return element.elements.length > 1;
      return false;
    });
  const id = Symbol('array');
  if (isConciselyPrintedArray(elements)) {
    const parts: Doc[] = [];
    elements.forEach((element, index) => {
      const last = index === elements.length - 1;
      parts.push([exprDoc(element), last ? ifBreak(',', '', { groupId: id }) : ',']);
      if (!last) parts.push(line);
    });
    return group(['[', indent([softline, fill(parts)]), softline, ']'], { shouldBreak, id });
  }
  const items = join(
    [',', line],
    elements.map((element) => group(exprDoc(element))),
  );
  return group(['[', indent([softline, items, ifBreak(',')]), softline, ']'], { shouldBreak, id });
}

function isConciselyPrintedArray(elements: Expr[]): boolean {
  return (
    elements.length > 0 &&
    elements.every(
      (element) => element.kind === 'number' || (element.kind === 'negative' && element.argument.kind === 'number'),
    )
  );
}

// --- Calls -------------------------------------------------------------------

function callArguments(args: Expr[]): Doc {
  if (args.length === 0) return '()';
  const printed: Doc[] = args.map((arg, index) =>
    index === args.length - 1 ? exprDoc(arg) : [exprDoc(arg), ',', line],
  );
  const allArgsBrokenOut = (): Doc => group(['(', indent([line, ...printed]), ',', line, ')'], { shouldBreak: true });

  if (isFunctionCompositionArgs(args)) return allArgsBrokenOut();

  if (shouldExpandLastArg(args)) {
    const head = printed.slice(0, -1);
    if (head.some(willBreak)) return allArgsBrokenOut();
    const last = exprDoc(args[args.length - 1] as Expr);
    if (willBreak(last)) {
      return [
        breakParent,
        conditionalGroup([['(', ...head, group(last, { shouldBreak: true }), ')'], allArgsBrokenOut()]),
      ];
    }
    return conditionalGroup([
      ['(', ...head, last, ')'],
      ['(', ...head, group(last, { shouldBreak: true }), ')'],
      allArgsBrokenOut(),
    ]);
  }

  return group(['(', indent([softline, ...printed]), ifBreak(','), softline, ')'], {
    shouldBreak: printed.some(willBreak),
  });
}

function isFunctionCompositionArgs(args: Expr[]): boolean {
  if (args.length <= 1) return false;
  let functions = 0;
  for (const arg of args) {
    if (arg.kind === 'arrow') {
      functions++;
      if (functions > 1) return true;
    } else if (arg.kind === 'call' && arg.args.some((child) => child.kind === 'arrow')) {
      return true;
    }
  }
  return false;
}

function shouldExpandLastArg(args: Expr[]): boolean {
  const last = args[args.length - 1] as Expr;
  const penultimate = args[args.length - 2];
  const couldExpand =
    (last.kind === 'object' && last.properties.length > 0) || (last.kind === 'array' && last.elements.length > 0);
  return (
    couldExpand &&
    (penultimate === undefined || penultimate.kind !== last.kind) &&
    (args.length !== 2 || penultimate?.kind !== 'arrow' || last.kind !== 'array') &&
    !(args.length > 1 && last.kind === 'array' && isConciselyPrintedArray(last.elements))
  );
}

/** prettier's notion of an argument simple enough to keep a call chain on one line. */
function isSimpleCallArgument(expr: Expr, depth = 2): boolean {
  if (depth <= 0) return false;
  const child = (node: Expr): boolean => isSimpleCallArgument(node, depth - 1);
  switch (expr.kind) {
    case 'identifier':
    case 'keyword':
    case 'string':
    case 'number':
      return true;
    case 'object':
      return expr.properties.every((property) => property.key.kind !== 'computed' && child(property.value));
    case 'array':
      return expr.elements.every(child);
    case 'call':
      return isSimpleCallArgument(expr.callee, depth) && expr.args.length <= depth && expr.args.every(child);
    case 'member':
      return isSimpleCallArgument(expr.object, depth);
    case 'negative':
      return isSimpleCallArgument(expr.argument, depth);
    default:
      return false;
  }
}

// --- Member chains -------------------------------------------------------------

interface Link {
  node: Expr;
  doc: Doc;
}

const memberChains = new WeakMap<Expr, { doc: Doc; isChain: boolean }>();

/**
 * `z.string().min(1).describe('…')`: kept on one line when it fits, else one
 * call per line; `isChain` is false for short chains printed as plain calls.
 */
function memberChain(call: Extract<Expr, { kind: 'call' }>): { doc: Doc; isChain: boolean } {
  const known = memberChains.get(call);
  if (known) return known;
  watchHuggedObjects(call.args);
  const links: Link[] = [{ node: call, doc: callArguments(call.args) }];
  let current = call.callee;
  for (;;) {
    if (current.kind === 'call' && (current.callee.kind === 'member' || current.callee.kind === 'call')) {
      links.unshift({ node: current, doc: callArguments(current.args) });
      current = current.callee;
    } else if (current.kind === 'member') {
      links.unshift({ node: current, doc: ['.', current.property] });
      current = current.object;
    } else {
      links.unshift({ node: current, doc: exprDoc(current) });
      break;
    }
  }
  const groups = groupLinks(links);
  const shouldMerge = groups.length >= 2 && shouldNotWrap(groups);
  const printGroup = (links: Link[]): Doc[] => links.map((link) => link.doc);
  const printedGroups = groups.map(printGroup);
  const oneLine = printedGroups;
  const cutoff = shouldMerge ? 3 : 2;
  let result: { doc: Doc; isChain: boolean };
  if (groups.length <= cutoff) {
    result = { doc: group(oneLine), isChain: false };
  } else {
    const rest = groups.slice(shouldMerge ? 2 : 1);
    const expanded = [
      printGroup(groups[0] as Link[]),
      shouldMerge ? printGroup(groups[1] as Link[]) : '',
      indent([hardline, join(hardline, rest.map(printGroup))]),
    ];
    const calls = links.flatMap((link) => (link.node.kind === 'call' ? [link.node] : []));
    const lastGroupDoc = printedGroups[printedGroups.length - 1] as Doc;
    const lastNode = links[links.length - 1]?.node;
    const lastGroupWillBreakAndOtherCallsHaveFunctionArguments =
      lastNode?.kind === 'call' &&
      willBreak(lastGroupDoc) &&
      calls.slice(0, -1).some((node) => node.args.some((arg) => arg.kind === 'arrow'));
    if (
      (calls.length > 2 && calls.some((node) => !node.args.every((arg) => isSimpleCallArgument(arg)))) ||
      printedGroups.slice(0, -1).some(willBreak) ||
      lastGroupWillBreakAndOtherCallsHaveFunctionArguments
    ) {
      result = { doc: group(expanded), isChain: true };
    } else {
      // An object argument printed broken stays broken when prettier reads the file again, and then the
      // chain stays on one line if its text up to `({` fits: offer that layout before the expanded chain.
      const hugged = lastNode?.kind === 'call' ? withLastObjectBroken(lastNode.args) : undefined;
      const states: Doc[] = [oneLine];
      if (hugged !== undefined)
        states.push([...printedGroups.slice(0, -1), [...(lastGroupDoc as Doc[]).slice(0, -1), hugged]]);
      states.push(expanded);
      result = { doc: [willBreak(oneLine) ? breakParent : '', conditionalGroup(states)], isChain: true };
    }
  }
  memberChains.set(call, result);
  return result;
}

/** The arguments with their last one, an object the call hugs, broken after its `{`; undefined otherwise. */
function withLastObjectBroken(args: Expr[]): Doc | undefined {
  const last = args[args.length - 1];
  if (last?.kind !== 'object' || last.expanded || !shouldExpandLastArg(args)) return undefined;
  return callArguments([...args.slice(0, -1), { ...last, expanded: true }]);
}

/**
 * The first group is the head (`z`, `z.iso`); each later group is one
 * `.member` followed by its calls.
 */
function groupLinks(links: Link[]): Link[][] {
  const groups: Link[][] = [];
  let current: Link[] = [links[0] as Link];
  let index = 1;
  for (; index < links.length && links[index]?.node.kind === 'call'; index++) current.push(links[index] as Link);
  if (links[0]?.node.kind !== 'call') {
    for (; index + 1 < links.length; index++) {
      if (links[index]?.node.kind === 'member' && links[index + 1]?.node.kind === 'member')
        current.push(links[index] as Link);
      else break;
    }
  }
  groups.push(current);
  current = [];
  let seenCall = false;
  for (; index < links.length; index++) {
    const link = links[index] as Link;
    if (seenCall && link.node.kind === 'member') {
      groups.push(current);
      current = [];
      seenCall = false;
    }
    if (link.node.kind === 'call') seenCall = true;
    current.push(link);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function isFactory(name: string): boolean {
  return /^[A-Z]|^[$_]+$/.test(name);
}

function shouldNotWrap(groups: Link[][]): boolean {
  const head = groups[0] as Link[];
  if (head.length === 1) {
    const first = head[0]?.node;
    return first?.kind === 'identifier' && isFactory(first.name);
  }
  const last = head[head.length - 1]?.node;
  return last?.kind === 'member' && isFactory(last.property);
}

// --- Assignments and properties -----------------------------------------------

type Layout = 'break-after-operator' | 'never-break-after-operator' | 'fluid';

function assignment(input: { left: string; operator: string; right: Expr; property: boolean }): Doc {
  const rightDoc = exprDoc(input.right);
  switch (chooseLayout(input)) {
    case 'break-after-operator':
      return group([group(input.left), input.operator, group(indent([line, rightDoc]))]);
    case 'never-break-after-operator':
      return group([group(input.left), input.operator, ' ', rightDoc]);
    case 'fluid': {
      const id = Symbol('assignment');
      return group([
        group(input.left),
        input.operator,
        group(indent(line), { id }),
        lineSuffixBoundary,
        indentIfBreak(rightDoc, { groupId: id }),
      ]);
    }
  }
}

function chooseLayout(input: { left: string; right: Expr; property: boolean }): Layout {
  const { right } = input;
  // Wrapping a value after a very short key gains little: prettier keeps it on the key's line.
  const hasShortKey = input.property && stringWidth(input.left) < TAB_WIDTH + 3;
  if (!hasShortKey) {
    const unwrapped = right.kind === 'negative' ? right.argument : right;
    if (unwrapped.kind === 'string' || isPoorlyBreakableMemberOrCallChain(unwrapped)) return 'break-after-operator';
  }
  if (hasShortKey || (right.kind === 'keyword' && right.text !== 'null') || right.kind === 'number')
    return 'never-break-after-operator';
  return 'fluid';
}

/** A chain with no calls, or whose calls take no argument or one short one (and is not a printed member chain). */
function isPoorlyBreakableMemberOrCallChain(expr: Expr, deep = false): boolean {
  if (expr.kind === 'call') {
    if (expr.callee.kind === 'member' && memberChain(expr).isChain) return false;
    const [only] = expr.args;
    const poorlyBreakable =
      expr.args.length === 0 || (expr.args.length === 1 && only !== undefined && isLoneShortArgument(only));
    return poorlyBreakable && isPoorlyBreakableMemberOrCallChain(expr.callee, true);
  }
  if (expr.kind === 'member') return isPoorlyBreakableMemberOrCallChain(expr.object, true);
  return deep && expr.kind === 'identifier';
}

const SHORT_ARGUMENT = PRINT_WIDTH * 0.25;

function isLoneShortArgument(expr: Expr): boolean {
  switch (expr.kind) {
    case 'identifier':
      return expr.name.length <= SHORT_ARGUMENT;
    case 'negative':
      return expr.argument.kind === 'number' || isLoneShortArgument(expr.argument);
    case 'string':
      return printString(expr.value).length <= SHORT_ARGUMENT;
    case 'call':
      if (expr.args.length === 0 && expr.callee.kind === 'identifier')
        return expr.callee.name.length <= SHORT_ARGUMENT - 2;
      return false;
    case 'number':
    case 'keyword':
      return true;
    default:
      return false;
  }
}

/** Display width as prettier counts it, for the short-key test (ASCII is the common case). */
function stringWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(
        char,
      )
        ? 2
        : /\p{Mn}|\p{Me}|[\u0000-\u001f\u007f-\u009f]/u.test(char)
          ? 0
          : 1;
  return width;
}
