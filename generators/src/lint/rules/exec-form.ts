/** DW501: CMD and ENTRYPOINT in exec form, so the process is PID 1 and receives SIGTERM. */
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { inheritedInstructions } from '../model.js';
import { reportAt, type Rule } from '../rule.js';

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
    const instructions = inheritedInstructions(model.final);
    for (const keyword of ['ENTRYPOINT', 'CMD']) {
      const last = instructions.filter((instruction) => instruction.getKeyword() === keyword).at(-1);
      if (last && !isExecForm(last)) {
        yield reportAt(last, `\`${keyword} ${last.getArgumentsContent() ?? ''}\` is in shell form: /bin/sh is PID 1 and SIGTERM never reaches the app`);
      }
    }
  },
};
