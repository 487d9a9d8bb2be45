/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning upload. One run; every rule is described in
 * tool.driver.rules; suppressed findings are results with an inSource suppression and the reason
 * as its justification; file locations are relative to %SRCROOT% (the workspace root).
 */
import { readFileSync } from 'node:fs';
import { RULES } from '../rules/index.js';
import type { Finding, FileResult, SuppressedFinding } from '../types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const level = (severity: Finding['severity']) => (severity === 'error' ? 'error' : 'warning');

/** The version in dockwright's package.json, the nearest above this module: the source, the compiled tree and the lint bundle sit at different depths. */
function toolVersion(): string {
  for (let dir = new URL('./', import.meta.url); dir.pathname !== '/'; dir = new URL('../', dir)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'dockwright') return manifest.version ?? '0.0.0';
    } catch {
      // no package.json here
    }
  }
  return '0.0.0';
}

function equivalentsOf(rule: (typeof RULES)[number]): Record<string, string> {
  return Object.fromEntries(Object.entries(rule.equivalents).filter(([, id]) => id !== undefined)) as Record<string, string>;
}

function result(finding: Finding | SuppressedFinding) {
  return {
    ruleId: finding.ruleId,
    ruleIndex: RULES.findIndex((rule) => rule.id === finding.ruleId),
    level: level(finding.severity),
    message: { text: `${finding.message}. ${finding.hint}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    ...('reason' in finding ? { suppressions: [{ kind: 'inSource', justification: finding.reason }] } : {}),
  };
}

export function formatSarif(results: readonly FileResult[]): string {
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockwright',
            version: toolVersion(),
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.summary },
              help: { text: rule.hint },
              defaultConfiguration: { level: level(rule.severity) },
              properties: { tags: ['dockerfile'], equivalents: equivalentsOf(rule) },
            })),
          },
        },
        // Rules skipped on a file (a Windows image): notes, one per rule, pointing at the file.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: results.flatMap((file) =>
              file.notes.flatMap((note) =>
                note.ruleIds.map((ruleId) => ({
                  level: 'note',
                  message: { text: note.message },
                  associatedRule: { id: ruleId, index: RULES.findIndex((rule) => rule.id === ruleId) },
                  locations: [
                    {
                      physicalLocation: {
                        artifactLocation: { uri: encodeURI(file.file), uriBaseId: '%SRCROOT%' },
                        region: { startLine: note.line },
                      },
                    },
                  ],
                })),
              ),
            ),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((file) => [...file.findings, ...file.suppressed].map(result)),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
