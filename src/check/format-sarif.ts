import { CATALOGUE, type DiagnosticCode, type DriftCode, type FindingClass } from '../diagnostics/catalogue.js';
import { isFileLocation, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { formatLocation } from '../diagnostics/format.js';
import { MCPGEN_VERSION } from '../version.js';
import type { Relativize } from './format-github.js';
import type { CheckReport, Finding } from './report.js';

/** SARIF result levels: `note` is SARIF's information. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const DEFAULT_LEVEL: Record<FindingClass, 'error' | 'warning' | 'note'> = {
  breaking: 'error',
  compatible: 'warning',
  info: 'note',
};

/** Fingerprint key GitHub code scanning matches results on across runs (versioned, as SARIF asks). */
const FINGERPRINT_KEY = 'mcpgenFinding/v1';

/**
 * The report as SARIF 2.1.0, for code scanning: one rule per drift code (its
 * catalogue entry), one result per finding located on the allowlist line (or
 * the generated file) it concerns. Findings with no place of their own are
 * located on the allowlist's first line, since code scanning drops results
 * without a location.
 */
export function formatSarifReport(input: { report: CheckReport; relativize: Relativize }): string {
  const { report } = input;
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const ruleIndex = new Map(codes.map((code, index) => [code, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mcpgen',
            semanticVersion: MCPGEN_VERSION,
            rules: codes.map((code) => rule(code)),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: report.findings.map((finding) =>
          result({ finding, index: ruleIndex.get(finding.code) ?? 0, report, relativize: input.relativize }),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function rule(code: DriftCode) {
  const entry = CATALOGUE[code];
  return {
    id: code,
    shortDescription: { text: entry.title },
    fullDescription: { text: entry.cause },
    help: { text: entry.fix },
    defaultConfiguration: { level: DEFAULT_LEVEL[entry.class] },
    properties: { tags: ['mcpgen', 'drift', entry.class] },
  };
}

function result(input: { finding: Finding; index: number; report: CheckReport; relativize: Relativize }) {
  const { finding } = input;
  const location = finding.location ?? { file: input.report.inputs.allowlist, line: 1, column: 1 };
  const scope = [finding.tool, finding.operation].filter(Boolean).join(' ');
  return {
    ruleId: finding.code,
    ruleIndex: input.index,
    level: LEVEL[finding.severity],
    message: { text: `${scope ? `[${scope}] ` : ''}${finding.message}\nfix: ${finding.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: input.relativize(location.file) },
          region: { startLine: location.line, startColumn: location.column },
        },
        ...(finding.tool ? { logicalLocations: [{ name: finding.tool, kind: 'function' }] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      class: finding.class,
      ...(finding.operation ? { operation: finding.operation } : {}),
      ...(finding.specPointer ? { specPointer: `${input.report.inputs.spec}#${finding.specPointer}` } : {}),
      fix: finding.fix,
    },
  };
}

/**
 * Bad input (exit 2) as SARIF too, so a code-scanning upload shows why the
 * check could not run, on the allowlist line where there is one.
 */
export function formatSarifDiagnostics(input: {
  diagnostics: readonly Diagnostic[];
  allowlist: string;
  relativize: Relativize;
}): string {
  const codes = [...new Set(input.diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((code, index) => [code, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'mcpgen', semanticVersion: MCPGEN_VERSION, rules: codes.map((code) => diagnosticRule(code)) },
        },
        columnKind: 'unicodeCodePoints',
        results: input.diagnostics.map((d) => {
          const at =
            d.location && isFileLocation(d.location) ? d.location : { file: input.allowlist, line: 1, column: 1 };
          const where = d.location && !isFileLocation(d.location) ? `${formatLocation(d.location)}: ` : '';
          return {
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code) ?? 0,
            level: LEVEL[d.severity],
            message: { text: `${where}${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: input.relativize(at.file) },
                  region: { startLine: at.line, startColumn: at.column },
                },
              },
            ],
          };
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function diagnosticRule(code: DiagnosticCode) {
  const entry = CATALOGUE[code];
  return {
    id: code,
    shortDescription: { text: entry.title },
    fullDescription: { text: entry.cause },
    help: { text: entry.fix },
  };
}
