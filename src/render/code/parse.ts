import { printString } from './literals.js';
import type { Declaration, Expr, Property } from './syntax.js';

/**
 * Reads the declarations that templates and the zod emitter write in compact
 * form (`export const x: T = z.object({ a: z.string() });`) into syntax trees.
 * Only that slice of TypeScript is accepted; anything else is a bug in
 * mcpgen, reported with the offending text.
 */
export function parseDeclarations(source: string): Declaration[] {
  const parser = new Parser(source);
  const declarations: Declaration[] = [];
  parser.skipSpace();
  while (!parser.atEnd()) {
    declarations.push(parser.declaration());
    parser.skipSpace();
  }
  return declarations;
}

export function parseExpression(source: string): Expr {
  const parser = new Parser(source);
  const expr = parser.expression();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('end of expression');
  return expr;
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const TYPE = /[^=;]+/y;
/** A one-line arrow function: `(value) => ...` up to the `,` or `)` that ends it. */
const ARROW_HEAD = /\(\s*[A-Za-z_$][\w$]*\s*\)\s*=>/y;

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(expected: string): never {
    const around = this.text.slice(Math.max(0, this.pos - 40), this.pos + 40);
    throw new Error(`code printer: expected ${expected} at offset ${this.pos} near ${JSON.stringify(around)}`);
  }

  /** Skips spaces; says whether a line break was among them. */
  skipSpace(): boolean {
    let newline = false;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos];
      if (char === '\n') newline = true;
      else if (char !== ' ' && char !== '\t' && char !== '\r') break;
      this.pos++;
    }
    return newline;
  }

  private peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  private eat(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.fail(JSON.stringify(token));
  }

  private match(pattern: RegExp): string | undefined {
    this.skipSpace();
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.pos += found[0].length;
    return found[0];
  }

  private identifier(): string {
    return this.match(IDENTIFIER) ?? this.fail('an identifier');
  }

  declaration(): Declaration {
    const exported = this.eat('export ');
    if (this.eat('type ')) {
      const name = this.identifier();
      this.expect('=');
      this.expect('z.infer<typeof ');
      const of = this.identifier();
      this.expect('>');
      this.expect(';');
      return { kind: 'infer', exported, name, of };
    }
    this.expect('const ');
    const name = this.identifier();
    const type = this.eat(':') ? (this.match(TYPE) ?? this.fail('a type')).trim() : undefined;
    this.expect('=');
    const value = this.expression();
    this.expect(';');
    return type === undefined
      ? { kind: 'const', exported, name, value }
      : { kind: 'const', exported, name, type, value };
  }

  expression(): Expr {
    let expr = this.postfix(this.primary());
    if (this.eat('as const')) expr = { kind: 'as-const', expression: expr };
    return expr;
  }

  private postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      if (this.eat('.')) expr = { kind: 'member', object: expr, property: this.identifier() };
      else if (this.peek() === '(') expr = { kind: 'call', callee: expr, args: this.args() };
      else return expr;
    }
  }

  private args(): Expr[] {
    this.expect('(');
    return this.list(')', () => this.expression());
  }

  private list<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    while (!this.eat(close)) {
      items.push(item());
      if (!this.eat(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  private primary(): Expr {
    const char = this.peek();
    if (char === '"' || char === "'") return { kind: 'string', value: this.string() };
    if (char === '[') {
      this.pos++;
      return { kind: 'array', elements: this.list(']', () => this.expression()) };
    }
    if (char === '{') return this.object();
    if (char === '-') {
      this.pos++;
      return { kind: 'negative', argument: this.primary() };
    }
    if (char === '(') return this.arrow();
    const number = this.match(NUMBER);
    if (number !== undefined) return { kind: 'number', text: number };
    const name = this.identifier();
    if (name === 'true' || name === 'false' || name === 'null') return { kind: 'keyword', text: name };
    if (name === 'new') {
      const callee = this.identifier();
      return { kind: 'new', callee: { kind: 'identifier', name: callee }, args: this.args() };
    }
    return { kind: 'identifier', name };
  }

  private object(): Expr {
    this.expect('{');
    const expanded = this.skipSpace();
    const properties = this.list('}', (): Property => {
      const key = this.key();
      this.expect(':');
      return { key, value: this.expression() };
    });
    return { kind: 'object', properties, expanded: expanded && properties.length > 0 };
  }

  private key(): Property['key'] {
    const char = this.peek();
    if (char === '"' || char === "'") return { kind: 'string', value: this.string() };
    if (char === '[') {
      this.pos++;
      const value = this.string();
      this.expect(']');
      return { kind: 'computed', value };
    }
    return { kind: 'identifier', name: this.identifier() };
  }

  private arrow(): Expr {
    const start = this.pos;
    if (this.match(ARROW_HEAD) === undefined) this.fail('an arrow function');
    let depth = 0;
    let text = this.text.slice(start, this.pos);
    while (this.pos < this.text.length) {
      const char = this.text[this.pos] ?? '';
      if (char === '"' || char === "'") {
        text += printString(this.string());
        continue;
      }
      if (char === '(' || char === '[' || char === '{') depth++;
      else if (char === ')' || char === ']' || char === '}') {
        if (depth === 0) break;
        depth--;
      } else if (char === ',' && depth === 0) break;
      text += char;
      this.pos++;
    }
    return { kind: 'arrow', text: text.trim() };
  }

  /** A quoted JS string (as JSON.stringify or our templates write them), unescaped. */
  private string(): string {
    const quote = this.text[this.pos];
    let value = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos++] ?? '';
      if (char === quote) return value;
      if (char !== '\\') {
        value += char;
        continue;
      }
      const next = this.text[this.pos++] ?? '';
      const simple = ESCAPES[next];
      if (simple !== undefined) value += simple;
      else if (next === 'u') {
        const hex = this.text.slice(this.pos, this.pos + 4);
        value += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 4;
      } else if (next === 'x') {
        value += String.fromCharCode(Number.parseInt(this.text.slice(this.pos, this.pos + 2), 16));
        this.pos += 2;
      } else value += next;
    }
    return this.fail('a closing quote');
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };
