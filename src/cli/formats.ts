import type { FindingClass } from '../diagnostics/catalogue.js';

/** Report formats of each command: the CLI lists them without loading the commands themselves. */

/** How `generate` reports: text for people, or one versioned JSON document on stdout for scripts. */
export type GenerateFormat = 'text' | 'json';
export const GENERATE_FORMATS: readonly GenerateFormat[] = ['text', 'json'];

/**
 * How `check` prints its report: compiler-style text, the versioned JSON
 * report, GitHub workflow commands, a Markdown PR comment, or SARIF 2.1.0 for
 * code scanning.
 */
export type CheckFormat = 'text' | 'json' | 'github' | 'markdown' | 'sarif';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'github', 'markdown', 'sarif'];

/** The classes `check --fail-on` takes, most severe first: each fails on its class and every more severe one. */
export const CHECK_FAIL_ON: readonly FindingClass[] = ['breaking', 'compatible', 'info'];
