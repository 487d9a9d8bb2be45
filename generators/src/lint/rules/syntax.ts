/**
 * DW001 syntax errors (through dockerfile-utils) and DW002 the `# syntax=` parser directive.
 * dockerfile-utils reads a FROM image with its quotes, as BuildKit does not: `FROM alpine:"3.20"`
 * is only an invalid reference when the word BuildKit reads (quotes removed) is one. A variable
 * in `RUN --mount=from=` is not expanded by BuildKit: the build fails, so it is reported here.
 */
import type * as DockerfileUtils from 'dockerfile-utils';
import { requireLibrary } from '../ast.js';
import { isValidReference } from '../image.js';
import type { DockerfileModel } from '../model.js';
import { mountsOf } from '../mounts.js';
import type { Rule } from '../rule.js';
import { syntaxProblems } from '../validation.js';

const { ValidationCode } = requireLibrary('dockerfile-utils') as typeof DockerfileUtils;
const ERROR = 1;

function quotedFromIsValid(model: DockerfileModel, line: number): boolean {
  const stage = model.stages.find((candidate) => candidate.from.getRange().start.line === line);
  return stage !== undefined && /["']/.test(stage.from.getImage() ?? '') && isValidReference(stage.written.value);
}

export const syntaxError: Rule = {
  id: 'DW001',
  name: 'syntax-error',
  severity: 'error',
  summary: 'The Dockerfile must parse: no unknown instructions, missing arguments or bad flags.',
  hint: 'Fix the instruction as the message says; `docker build --check` shows the same error.',
  equivalents: { hadolint: 'DL1000', buildkit: '(build fails to parse)' },
  *check({ model }) {
    for (const { code, severity, message, line, character } of syntaxProblems(model)) {
      // "base name should not be blank": DW103 reports it with the ARG that has no default.
      if (severity !== ERROR || code === ValidationCode.BASE_NAME_EMPTY || code === ValidationCode.DUPLICATE_BUILD_STAGE_NAME) continue;
      if (code === ValidationCode.INVALID_REFERENCE_FORMAT && quotedFromIsValid(model, line)) continue;
      yield { message, line, column: character, anchor: line };
    }
    yield* variableMountSources(model);
  },
};

/** `RUN --mount=from=${VAR}`: BuildKit does not expand it, so the build fails to parse the name. */
function* variableMountSources(model: DockerfileModel) {
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const mount of mountsOf(instruction)) {
        if (!mount.from?.includes('$')) continue;
        const { line, character } = mount.flag.getValueRange()?.start ?? instruction.getRange().start;
        const message = `\`from=${mount.from}\` in --mount: BuildKit does not expand variables there, so the build fails; define a stage \`FROM ${mount.from} AS <alias>\` and mount from it`;
        yield { message, line, column: character, anchor: instruction.getRange().start.line };
      }
    }
  }
}

export const syntaxDirective: Rule = {
  id: 'DW002',
  name: 'no-syntax-directive',
  severity: 'warning',
  summary: 'No `# syntax=` directive: it makes every build pull a frontend image, so builds are not offline.',
  hint: 'Delete the `# syntax=` line; the engine’s built-in Dockerfile frontend supports cache and secret mounts.',
  equivalents: {},
  *check({ model }) {
    for (const directive of model.ast.getDirectives()) {
      if (directive.getName().toLowerCase() !== 'syntax') continue;
      const { line, character } = directive.getRange().start;
      yield { message: `\`# syntax=${directive.getValue()}\` pulls the Dockerfile frontend at build time`, line, column: character, anchor: line };
    }
  },
};
