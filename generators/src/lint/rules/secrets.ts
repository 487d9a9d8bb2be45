/** DW701: no secrets in ARG or ENV, by variable name or by value, every variable of every line. */
import type { Arg, Env, Instruction, Property } from 'dockerfile-ast';
import { reportAt, type Rule } from '../rule.js';
import { isSecretName, secretValueKind } from '../secrets.js';

function propertiesOf(instruction: Instruction): Property[] {
  if (instruction.getKeyword() === 'ENV') return (instruction as Env).getProperties();
  const property = (instruction as Arg).getProperty();
  return property ? [property] : [];
}

export const noSecrets: Rule = {
  id: 'DW701',
  name: 'no-secrets',
  severity: 'error',
  summary: 'No secrets in ARG or ENV: neither secret-like names (PASSWORD, TOKEN, API_KEY…) nor credential-like values.',
  hint: 'Pass build secrets with `RUN --mount=type=secret,id=<id>` and runtime secrets through the orchestrator’s environment.',
  equivalents: { trivy: 'DS031', buildkit: 'SecretsUsedInArgOrEnv' },
  *check({ model }) {
    for (const instruction of model.ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ARG' && keyword !== 'ENV') continue;
      for (const property of propertiesOf(instruction)) {
        const name = property.getName();
        const at = property.getNameRange().start;
        const kind = secretValueKind(property.getValue() ?? '');
        if (isSecretName(name)) {
          yield reportAt(instruction, `\`${keyword} ${name}\` looks like a secret: ${keyword} values stay in the image’s history`, at);
        } else if (kind) {
          yield reportAt(instruction, `the value of \`${keyword} ${name}\` looks like ${kind}`, at);
        }
      }
    }
  },
};
