/**
 * Rule fixtures: `test/lint/fixtures/rules/<RULE>-<case>.(fail|pass).Dockerfile`. Comments drive them:
 *   # expect DW301                the next instruction has (exactly) this finding; repeat for several
 *   # fixture-app-type: frontend  lint with this app type
 *   # fixture-policy: {...}       lint with this policy (validated like dockwright.config.json)
 *   # fixture-context: <dir>      lint with a build context; a sibling `<case>.dockerignore` is its .dockerignore
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import type { AppType } from '../../../generators/src/core/stacks.js';
import { resolveBuildContext } from '../../../generators/src/lint/context.js';
import { lintDockerfile } from '../../../generators/src/lint/lint.js';
import type { FileResult, Finding } from '../../../generators/src/lint/types.js';
import { validatePolicy } from '../../../generators/src/policy/validate.js';
import { MemoryWorkspace } from '../../support/memory-workspace.js';

export const FIXTURES = new URL('../fixtures/rules/', import.meta.url).pathname;
export const FIXTURE_DOCKERFILE = 'docker/svc.Dockerfile';

export interface Fixture {
  readonly name: string;
  readonly ruleId: string;
  readonly kind: 'fail' | 'pass';
  readonly text: string;
}

export function ruleFixtures(): Fixture[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.Dockerfile'))
    .sort()
    .map((file) => {
      const match = /^(DW\d{3})-.+\.(fail|pass)\.Dockerfile$/.exec(file);
      if (!match) throw new Error(`fixture ${file} is not named <RULE>-<case>.(fail|pass).Dockerfile`);
      return { name: file.replace(/\.Dockerfile$/, ''), ruleId: match[1]!, kind: match[2] as Fixture['kind'], text: readFileSync(FIXTURES + file, 'utf8') };
    });
}

const directive = (text: string, name: string) => new RegExp(`^# ${name}: (.+)$`, 'm').exec(text)?.[1]?.trim();

export function lintFixture(fixture: Fixture): FileResult {
  const policyText = directive(fixture.text, 'fixture-policy');
  const policy = policyText ? validatePolicy(JSON.parse(policyText), fixture.name) : undefined;
  const appType = directive(fixture.text, 'fixture-app-type') as AppType | undefined;
  const contextDir = directive(fixture.text, 'fixture-context');
  const ignoreFile = `${FIXTURES}${fixture.name}.dockerignore`;
  const files: Record<string, string> = { [FIXTURE_DOCKERFILE]: fixture.text };
  if (contextDir && existsSync(ignoreFile)) files[`${contextDir}/.dockerignore`] = readFileSync(ignoreFile, 'utf8');
  const buildContext = contextDir ? resolveBuildContext(FIXTURE_DOCKERFILE, new MemoryWorkspace(files), contextDir) : undefined;
  return lintDockerfile({ file: FIXTURE_DOCKERFILE, text: fixture.text }, { policy, appType, buildContext });
}

/**
 * "DW301 @ lines 9-14": a rule and the lines it may be reported on: the instruction below the
 * `# expect` comment and the comments and directives between it and the instruction before.
 */
export interface Expectation {
  readonly ruleId: string;
  readonly from: number;
  readonly to: number;
  /** The instruction is the Dockerfile's first: findings in other files (the .dockerignore) hang on it. */
  readonly first: boolean;
}

export function expectationsOf(text: string): Expectation[] {
  const instructions = DockerfileParser.parse(text).getInstructions();
  return text.split('\n').flatMap((line, index) => {
    const ruleId = /^# expect (DW\d{3})\s*$/.exec(line)?.[1];
    if (!ruleId) return [];
    const target = instructions.findIndex((instruction) => instruction.getRange().start.line > index);
    if (target === -1) throw new Error(`# expect ${ruleId} on line ${index + 1} has no instruction below it`);
    const from = target === 0 ? 1 : instructions[target - 1]!.getRange().end.line + 2;
    return [{ ruleId, from, to: instructions[target]!.getRange().end.line + 1, first: target === 0 }];
  });
}

/** Pairs findings with expectations one to one; returns what is left on either side. */
export function unmatched(findings: readonly Finding[], expectations: readonly Expectation[]) {
  const open = [...expectations];
  const unexpected: string[] = [];
  for (const finding of findings) {
    const at = open.findIndex(
      (expectation) =>
        expectation.ruleId === finding.ruleId &&
        (finding.file === FIXTURE_DOCKERFILE ? finding.line >= expectation.from && finding.line <= expectation.to : expectation.first),
    );
    if (at === -1) unexpected.push(`${finding.ruleId} ${finding.file}:${finding.line} ${finding.message}`);
    else open.splice(at, 1);
  }
  return { unexpected, missing: open.map((expectation) => `${expectation.ruleId} at lines ${expectation.from}-${expectation.to}`) };
}
