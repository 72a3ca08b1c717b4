/**
 * Names for generated constants and table entries, made from untrusted spec
 * text (titles, property names): only ASCII letters and digits survive, so no
 * text can reach the output as anything but part of an identifier.
 */

/** `Full Repository` → `fullRepository`; `''` when the text has no letter or digit. */
export function camelStem(hint: string, maxWords = Infinity): string {
  return hint
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .slice(0, maxWords)
    .map((word, index) => {
      const lower = word.toLowerCase();
      return index === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}

/** The stem as an identifier: `fallback` when empty, behind `fallback` when it starts with a digit. */
export function lowerIdentifier(stem: string, fallback: string): string {
  if (stem === '') return fallback;
  return /^[a-z]/.test(stem) ? stem : `${fallback}${stem}`;
}

/** `base`, else `base2`, `base3`…: the first name not in `used`, which it then joins. */
export function claimName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n += 1) name = `${base}${n}`;
  used.add(name);
  return name;
}
