/** DW802: WORKDIR is an absolute path, once variables are expanded. */
import { wordOf } from '../model.js';
import { reportAt, type Rule } from '../rule.js';
import { argumentsText } from '../source-text.js';

export const absoluteWorkdir: Rule = {
  id: 'DW802',
  name: 'absolute-workdir',
  severity: 'warning',
  summary: 'WORKDIR is an absolute path.',
  hint: 'Write `WORKDIR /app`, not `WORKDIR app`: a relative one depends on the base image’s working directory.',
  equivalents: { hadolint: 'DL3000', trivy: 'DS009', buildkit: 'WorkdirRelativePath' },
  *check({ model }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') continue;
        const raw = argumentsText(instruction).trim();
        const path = wordOf(model, instruction, raw);
        if (path.unresolved.length > 0 || path.truncated || path.value === '' || path.value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path.value)) continue;
        yield reportAt(instruction, `\`WORKDIR ${raw}\` is relative`);
      }
    }
  },
};
