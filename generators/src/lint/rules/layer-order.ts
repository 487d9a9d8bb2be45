/** DW201: manifests and lockfile first, dependencies installed, then the source. */
import type { Instruction } from 'dockerfile-ast';
import { copiesWholeContext } from '../copy-sources.js';
import { dependencyInstall } from '../packages.js';
import { reportAt, type Rule } from '../rule.js';
import { runCommands } from '../shell.js';

interface LayerState {
  /** The first whole-context COPY seen before any dependency install. */
  readonly sourceCopy: Instruction | undefined;
  readonly installed: boolean;
}

const line = (instruction: Instruction) => instruction.getRange().start.line + 1;

export const manifestsFirst: Rule = {
  id: 'DW201',
  name: 'manifests-first',
  severity: 'warning',
  summary: 'Dependencies are installed from copied manifests and lockfile before the source is copied.',
  hint: 'Copy only the manifests and lockfile (e.g. `COPY package.json package-lock.json ./`), install, then `COPY . .`.',
  equivalents: {},
  *check({ model }) {
    const states = new Map<number, LayerState>();
    const reported = new Set<Instruction>();
    for (const stage of model.stages) {
      let state: LayerState = (stage.parent && states.get(stage.parent.index)) ?? { sourceCopy: undefined, installed: false };
      for (const instruction of stage.instructions) {
        if (copiesWholeContext(model, instruction) && !state.installed && !state.sourceCopy) state = { ...state, sourceCopy: instruction };
        if (instruction.getKeyword() !== 'RUN') continue;
        const install = runCommands(instruction).map(dependencyInstall).find((label) => label !== undefined);
        if (!install) continue;
        if (state.sourceCopy && !state.installed && !reported.has(state.sourceCopy)) {
          reported.add(state.sourceCopy);
          yield reportAt(
            state.sourceCopy,
            `the whole source is copied before \`${install}\` (line ${line(instruction)}): every source edit reinstalls the dependencies`,
          );
        }
        state = { ...state, installed: true };
      }
      states.set(stage.index, state);
    }
  },
};
