/** DW901 a .dockerignore for the build context, DW902 excluding what the policy says (.git, node_modules, .env*, .npmrc, .yarnrc). */
import { isExcluded, parseDockerignore } from '../dockerignore.js';
import type { DockerfileModel } from '../model.js';
import type { Report, Rule } from '../rule.js';

/** Context findings hang on the first instruction: a suppression comment goes above it. */
function firstLine(model: DockerfileModel): number {
  return model.ast.getInstructions()[0]?.getRange().start.line ?? 0;
}

export const dockerignorePresent: Rule = {
  id: 'DW901',
  name: 'dockerignore',
  severity: 'warning',
  summary: 'The build context has a .dockerignore (or the Dockerfile a `<Dockerfile>.dockerignore`).',
  hint: 'Add a .dockerignore to the build context excluding .git, node_modules, .env*, tests, docs and build output.',
  equivalents: {},
  *check({ model, buildContext }) {
    if (!buildContext || buildContext.dockerignore) return;
    const line = firstLine(model);
    const message = `no .dockerignore for the build context ${buildContext.dir}: expected ${buildContext.expectedIgnoreFile}`;
    yield { message, line, column: 0, anchor: line };
  },
};

export const dockerignoreExcludes: Rule = {
  id: 'DW902',
  name: 'dockerignore-excludes',
  severity: 'warning',
  summary: 'The .dockerignore excludes every path in policy `dockerignore.mustExclude` (.git, node_modules, .env, .env.*, .npmrc, .yarnrc).',
  hint: 'Add the missing paths to the .dockerignore (e.g. `.git`, `node_modules`, `.env`, `.env.*`, `.npmrc`, `.yarnrc`).',
  equivalents: { buildkit: 'CopyIgnoredFile (the reverse check)' },
  *check({ model, policy, buildContext }) {
    const ignore = buildContext?.dockerignore;
    if (!ignore) return;
    const patterns = parseDockerignore(ignore.text);
    const missing = policy.dockerignore.mustExclude.filter((path) => !isExcluded(patterns, path));
    const anchor = firstLine(model);
    for (const path of missing) {
      const report: Report = { message: `${ignore.path} does not exclude ${path}`, line: 0, column: 0, anchor, file: ignore.path };
      yield report;
    }
  },
};
