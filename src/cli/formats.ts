/** Report formats of each command: the CLI lists them without loading the commands themselves. */

/** How `generate` reports: text for people, or one versioned JSON document on stdout for scripts. */
export type GenerateFormat = 'text' | 'json';
export const GENERATE_FORMATS: readonly GenerateFormat[] = ['text', 'json'];

/** How `check` prints its report: compiler-style text, the versioned JSON report, or GitHub workflow commands. */
export type CheckFormat = 'text' | 'json' | 'github';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'github'];
