/**
 * Every Dockerfile the generator writes, for every stack × app type × package manager (× base),
 * lints clean against the default policy, with its generated .dockerignore as the build context.
 */
import { describe, expect, it } from '@jest/globals';
import { supportedCombinations } from '../../generators/src/core/stacks.js';
import { dockerfilePath } from '../../generators/src/core/workspace.js';
import { resolveBuildContext } from '../../generators/src/lint/context.js';
import { lintDockerfile } from '../../generators/src/lint/lint.js';
import { DEFAULT_POLICY } from '../../generators/src/policy/schema.js';
import { planFor } from '../support/generate.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const NAME = 'svc';

/**
 * Findings the generator is known to produce, reported to the generator's owner rather than
 * waived in the rules: stack → rule ids. A ratchet: once the generator is fixed, the "still
 * happens" test below fails and the entry must go.
 *  - DW102: the static stack runs on nginx:<v>-trixie, the full Debian nginx image.
 */
/** Exceptions the templates make on purpose, each with its reason in a `# dockwright-ignore` line. */
const DELIBERATE_SUPPRESSIONS: Readonly<Record<string, readonly string[]>> = {
  static: ['DW102'],
};

const cases = supportedCombinations().map((combination) => ({ ...combination, label: Object.values(combination).join(' ') }));

describe.each(cases)('$label', ({ label: _label, ...combination }) => {
  const generated = planFor({ name: NAME, mode: 'new', ...combination });
  const workspace = new MemoryWorkspace(Object.fromEntries(generated.changes.map((change) => [change.path, change.content])));
  const file = dockerfilePath(NAME);
  const result = lintDockerfile(
    { file, text: workspace.read(file)! },
    { policy: DEFAULT_POLICY, appType: combination.appType, buildContext: resolveBuildContext(file, workspace) },
  );

  it('has a .dockerignore in its build context', () => {
    expect(resolveBuildContext(file, workspace).dockerignore?.path).toBe(`packages/${NAME}/.dockerignore`);
  });

  it('lints clean', () => {
    const found = [...new Set(result.findings.map((finding) => `${finding.ruleId} ${finding.message}`))];
    expect(found).toEqual([]);
    expect(result.suppressed.map((finding) => finding.ruleId)).toEqual(DELIBERATE_SUPPRESSIONS[combination.stack] ?? []);
  });
});
