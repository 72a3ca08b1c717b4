/**
 * The spec's path as the generated server sends it: literal parts
 * percent-encoded wherever a URL parser would otherwise change them, the
 * `{name}` templates left for the runtime to fill. A spec path may hold any
 * text (`"`, a backslash, `?`, `#`, spaces, non-ASCII): a backslash would
 * become `/`, and `?` or `#` would end the path, sending the request
 * somewhere the spec never named. Existing `%HH` escapes are kept.
 */
export function requestPathTemplate(specPath: string): string {
  return specPath
    .split(/(\{[^{}/]+\})/)
    .map((part, index) => (index % 2 === 1 ? part : encodeLiteral(part)))
    .join('');
}

/** RFC 3986 `pchar` and `/`: what a path may carry as it is. */
const PATH_CHARACTER = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const ESCAPE = /^%[0-9A-Fa-f]{2}/;

function encodeLiteral(text: string): string {
  let out = '';
  for (let at = 0; at < text.length;) {
    const escape = ESCAPE.exec(text.slice(at, at + 3));
    if (escape) {
      out += escape[0];
      at += 3;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(at) ?? 0);
    out += PATH_CHARACTER.test(char) ? char : encodeBytes(char);
    at += char.length;
  }
  return out;
}

function encodeBytes(char: string): string {
  // A lone surrogate has no UTF-8 form; U+FFFD is what a URL parser would send for it.
  const wellFormed = /[\uD800-\uDFFF]/.test(char) ? '\uFFFD' : char;
  return [...new TextEncoder().encode(wellFormed)]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}
