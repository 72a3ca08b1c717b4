/**
 * Whether a spec's `pattern` stays small enough to keep: huge counts
 * (`a{600000000}`) and huge shortest matches make strings no generated test
 * can hold, and RE2 compiles counts into that many states. (Matching time is
 * not a risk: patterns run on RE2, linear in the input; see spec-pattern.ts.)
 * The walk is linear in the pattern and never recurses deeper than
 * {@link MAX_NESTING}.
 */
export type PatternRisk =
  { kind: 'huge-count'; count: number } | { kind: 'too-long'; minimum: number } | { kind: 'too-nested' };

/** Largest `{n}`/`{n,m}` bound kept; real patterns stay far below (dates, codes, ids). */
export const MAX_QUANTIFIER_BOUND = 1000;
/** Longest shortest match kept: sample values must stay small. */
export const MAX_PATTERN_MIN_LENGTH = 10_000;
/** Group nesting walked at most. */
export const MAX_NESTING = 100;

interface Term {
  /** Shortest string it matches (saturating). */
  minLength: number;
}

class Risky extends Error {
  constructor(readonly risk: PatternRisk) {
    super(risk.kind);
  }
}

/** The first risk found in `pattern`, or undefined when it is safe (or not a pattern this walk understands). */
export function patternRisk(pattern: string): PatternRisk | undefined {
  const walker = new Walker(pattern);
  try {
    walker.alternation(0);
    return undefined;
  } catch (error) {
    if (error instanceof Risky) return error.risk;
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}

class Unreadable extends Error {}

class Walker {
  private at = 0;

  constructor(private readonly source: string) {}

  alternation(depth: number): Term {
    if (depth > MAX_NESTING) throw new Risky({ kind: 'too-nested' });
    let result = this.sequence(depth);
    while (this.source[this.at] === '|') {
      this.at += 1;
      const next = this.sequence(depth);
      result = { minLength: Math.min(result.minLength, next.minLength) };
    }
    return result;
  }

  private sequence(depth: number): Term {
    const result: Term = { minLength: 0 };
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.atom(depth);
      const { min } = this.quantifier();
      result.minLength = saturate(result.minLength + saturate(atom.minLength * min));
      if (result.minLength > MAX_PATTERN_MIN_LENGTH) throw new Risky({ kind: 'too-long', minimum: result.minLength });
    }
    return result;
  }

  private atom(depth: number): Term {
    const char = this.source[this.at];
    this.at += 1;
    const single: Term = { minLength: 1 };
    const empty: Term = { minLength: 0 };
    if (char === '^' || char === '$') return empty;
    if (char === '[') {
      this.skipClass();
      return single;
    }
    if (char === '\\') return this.escape() ? single : empty;
    if (char !== '(') return single;
    const lookaround = /^\?<?[=!]/.exec(this.source.slice(this.at, this.at + 3));
    const named = /^\?<[^>]*>|^\?:/.exec(this.source.slice(this.at, this.at + 256));
    this.at += (lookaround ?? named)?.[0].length ?? 0;
    const inner = this.alternation(depth + 1);
    if (this.source[this.at] !== ')') throw new Unreadable();
    this.at += 1;
    return lookaround ? { ...inner, minLength: 0 } : inner;
  }

  private skipClass(): void {
    if (this.source[this.at] === '^') this.at += 1;
    if (this.source[this.at] === ']') this.at += 1;
    while (this.at < this.source.length && this.source[this.at] !== ']')
      this.at += this.source[this.at] === '\\' ? 2 : 1;
    if (this.at >= this.source.length) throw new Unreadable();
    this.at += 1;
  }

  /** Moves past an escape; false for the zero-width ones (`\b`, `\B`). */
  private escape(): boolean {
    const char = this.source[this.at] ?? '';
    this.at += 1;
    if (char === 'b' || char === 'B') return false;
    if ((char === 'p' || char === 'P' || char === 'k') && /[{<]/.test(this.source[this.at] ?? '')) {
      const close = this.source.indexOf(char === 'k' ? '>' : '}', this.at);
      this.at = close < 0 ? this.source.length : close + 1;
      return char !== 'k';
    }
    const code = /^u\{[0-9a-fA-F]+\}|^u[0-9a-fA-F]{4}|^x[0-9a-fA-F]{2}|^c[A-Za-z]/.exec(
      this.source.slice(this.at - 1, this.at + 12),
    );
    if (code) this.at += code[0].length - 1;
    return true;
  }

  private quantifier(): { min: number; max: number } {
    const match = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(this.source.slice(this.at, this.at + 64));
    if (match === null) return { min: 1, max: 1 };
    this.at += match[0].length;
    const [, symbol, low, comma, high] = match;
    if (symbol === '*') return { min: 0, max: Infinity };
    if (symbol === '+') return { min: 1, max: Infinity };
    if (symbol === '?') return { min: 0, max: 1 };
    const min = Number(low);
    const max = comma === undefined ? min : high ? Number(high) : Infinity;
    const largest = Math.max(min, Number.isFinite(max) ? max : 0);
    if (largest > MAX_QUANTIFIER_BOUND) throw new Risky({ kind: 'huge-count', count: largest });
    return { min, max };
  }
}

function saturate(value: number): number {
  return Math.min(value, Number.MAX_SAFE_INTEGER);
}
