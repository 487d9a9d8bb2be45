/** DW101: dependency, build and runtime stages instead of one image that carries everything. */
import { reportAt, type Rule } from '../rule.js';

export const multiStage: Rule = {
  id: 'DW101',
  name: 'multi-stage',
  severity: 'warning',
  summary: 'Multi-stage build: install and build in earlier stages, copy only the result into a minimal runtime stage.',
  hint: 'Split into `FROM … AS deps`, (`AS build`), and a final runtime stage that uses `COPY --from=…`.',
  equivalents: {},
  *check({ model }) {
    if (model.stages.length !== 1) return;
    yield reportAt(model.final!.from, 'single-stage build: dependency caches and build tools end up in the image');
  },
};
