/** The three report formats, and how suppressions show in each. */
import { describe, expect, it } from '@jest/globals';
import '@microsoft/jest-sarif';
import { formatReport } from '../../generators/src/lint/format/index.js';
import { lintDockerfile } from '../../generators/src/lint/lint.js';
import { RULES } from '../../generators/src/lint/rules/index.js';
import type { FileResult } from '../../generators/src/lint/types.js';

const FILE = 'docker/svc.Dockerfile';
const DOCKERFILE = `FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:24-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER node
# dockwright-ignore DW501 the start script traps SIGTERM itself
CMD node src/server.js
# dockwright-ignore DW802 nothing to suppress here
WORKDIR /app
`;

const result = lintDockerfile({ file: FILE, text: DOCKERFILE });
const clean: FileResult = { file: 'docker/ok.Dockerfile', findings: [], suppressed: [], unusedSuppressions: [], notes: [] };
const human = (results: FileResult[], color = false, maxWarnings?: number) => formatReport('human', results, { color, maxWarnings });

describe('the lint result the formats are given', () => {
  it('has two errors, one suppressed finding and one unused suppression', () => {
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['DW401', 'DW302']);
    expect(result.suppressed).toMatchObject([{ ruleId: 'DW501', line: 12, reason: 'the start script traps SIGTERM itself' }]);
    expect(result.unusedSuppressions).toEqual([{ ruleId: 'DW802', line: 13 }]);
  });
});

describe('human', () => {
  const text = human([result, clean]);

  it('prints file:line:column, severity, rule and message, with the hint below', () => {
    expect(text).toContain(`${FILE}:10:1  error    DW302  \`USER node\` is a name: Kubernetes runAsNonRoot cannot verify it is not root`);
    expect(text).toContain('    hint: Replace the user name with its UID and GID');
  });

  it('lists suppressed findings with their reasons, and unused suppressions', () => {
    expect(text).toContain(`Suppressed (1):\n  ${FILE}:12  DW501`);
    expect(text).toContain('(reason: the start script traps SIGTERM itself)');
    expect(text).toContain(`Unused dockwright-ignore comments (1):\n  ${FILE}:13  DW802`);
  });

  it('ends with a summary', () => {
    expect(text.split('\n').at(-1)).toBe('✖ 2 problems (2 errors, 0 warnings) in 2 Dockerfiles, 1 suppressed');
    expect(human([clean]).split('\n').at(-1)).toBe('✔ 1 Dockerfile linted: no problems');
  });

  it('says when warnings exceed --max-warnings', () => {
    const warned = lintDockerfile({ file: FILE, text: DOCKERFILE.replace('USER node', 'USER 1000') }, { policy: undefined });
    expect(human([warned], false, 0)).not.toContain('exceed');
    const relevelled = { ...warned, findings: warned.findings.map((finding) => ({ ...finding, severity: 'warning' as const })) };
    expect(human([relevelled], false, 0).split('\n').at(-1)).toBe('✖ 1 problem (0 errors, 1 warning) in 1 Dockerfile, 1 suppressed; 1 warning exceed --max-warnings 0');
  });

  it('is coloured only when asked', () => {
    expect(text).not.toMatch(/\u001b\[/);
    expect(human([result], true)).toMatch(/\u001b\[31merror/);
  });
});

describe('json', () => {
  const report = JSON.parse(formatReport('json', [result, clean], { color: false, maxWarnings: undefined }));

  it('holds the results and the totals', () => {
    expect(report.version).toBe(1);
    expect(report.totals).toEqual({ files: 2, errors: 2, warnings: 0, suppressed: 1 });
    expect(report.results[0]).toEqual(JSON.parse(JSON.stringify(result)));
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatReport('sarif', [result, clean], { color: false, maxWarnings: undefined }));
  const run = log.runs[0];

  it('is a valid SARIF 2.1.0 log', () => {
    expect(log.version).toBe('2.1.0');
    (expect(log) as unknown as { toBeValidSarifLog(): void }).toBeValidSarifLog();
  });

  it('describes every rule, with its level and equivalents', () => {
    expect(run.tool.driver.name).toBe('dockwright');
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    expect(run.tool.driver.rules.find((rule: { id: string }) => rule.id === 'DW301')).toMatchObject({
      name: 'non-root-user',
      defaultConfiguration: { level: 'error' },
      properties: { equivalents: { hadolint: 'DL3002', trivy: 'DS002' } },
    });
  });

  it('points each result at its file and line, relative to the source root, and keeps suppressions as such', () => {
    expect(run.results).toHaveLength(3);
    const [first] = run.results;
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: FILE, uriBaseId: '%SRCROOT%' },
      region: { startLine: 6, startColumn: 1 },
    });
    const suppressed = run.results.find((entry: { ruleId: string }) => entry.ruleId === 'DW501');
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource', justification: 'the start script traps SIGTERM itself' }]);
  });

  it('is still valid with no results', () => {
    (expect(JSON.parse(formatReport('sarif', [clean], { color: false, maxWarnings: undefined }))) as unknown as { toBeValidSarifLog(): void }).toBeValidSarifLog();
  });
});
