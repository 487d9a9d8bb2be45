/** DW501: CMD and ENTRYPOINT in exec form, so the process is PID 1 and receives SIGTERM. */
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { chainOf, type Stage } from '../model.js';
import { reportAt, type Rule } from '../rule.js';
import { argumentsText } from '../source-text.js';

const isExecForm = (instruction: Instruction) => {
  const json = instruction as JSONInstruction;
  return json.getOpeningBracket() !== null && json.getClosingBracket() !== null;
};

export const execForm: Rule = {
  id: 'DW501',
  name: 'exec-form',
  severity: 'error',
  summary: 'The CMD and ENTRYPOINT in effect in the final stage use the exec (JSON array) form.',
  hint: 'Write `CMD ["node", "server.js"]` instead of `CMD node server.js`; the shell form runs under /bin/sh and ignores SIGTERM.',
  equivalents: { hadolint: 'DL3025', buildkit: 'JSONArgsRecommended' },
  *check({ model }) {
    if (!model.final) return;
    const { entrypoint, cmd } = inEffect(model.final);
    for (const [keyword, last] of [['ENTRYPOINT', entrypoint], ['CMD', cmd]] as const) {
      if (last && !isExecForm(last)) {
        yield reportAt(last, `\`${keyword} ${argumentsText(last)}\` is in shell form: /bin/sh is PID 1 and SIGTERM never reaches the app`);
      }
    }
  },
};

/**
 * The ENTRYPOINT and CMD the final image has. As in BuildKit, an ENTRYPOINT resets the CMD the
 * stage inherited, unless the stage sets its own CMD too (before or after it).
 */
export function inEffect(final: Stage): { entrypoint: Instruction | undefined; cmd: Instruction | undefined } {
  let entrypoint: Instruction | undefined;
  let cmd: Instruction | undefined;
  for (const stage of chainOf(final).reverse()) {
    let cmdSet = false;
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'CMD') {
        cmd = instruction;
        cmdSet = true;
      } else if (keyword === 'ENTRYPOINT') {
        entrypoint = instruction;
        if (!cmdSet) cmd = undefined;
      }
    }
  }
  return { entrypoint, cmd };
}
