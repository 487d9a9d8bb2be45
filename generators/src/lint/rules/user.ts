/** DW301 non-root final stage, DW302 numeric USER, DW303 the policy's UID for the app type. */
import { isDistroless } from '../image.js';
import { finalUser, isNumeric, isRoot, type FinalUser } from '../final-user.js';
import { baseImageOf } from '../model.js';
import { reportAt, strayNote, type Report, type Rule, type RuleContext } from '../rule.js';
import { policyUid } from '../../policy/schema.js';
import { APP_TYPES } from '../../core/stacks.js';

const lineOf = (user: FinalUser) => (user.instruction ?? user.stage.from).getRange().start.line + 1;

function reportOn(user: FinalUser, message: string): Report {
  return reportAt(user.instruction ?? user.stage.from, message);
}

export const nonRootUser: Rule = {
  id: 'DW301',
  name: 'non-root-user',
  severity: 'error',
  summary: 'The final stage sets a non-root USER; a USER in a builder stage does not count.',
  hint: 'Add `USER <uid>:<gid>` (numeric, e.g. `USER 1000:1000`) to the final stage, after the last RUN that needs root.',
  equivalents: { hadolint: 'DL3002', trivy: 'DS002' },
  linuxOnly: true,
  *check({ model }) {
    const user = finalUser(model);
    if (!user) return;
    if (!user.instruction && isRoot(user.user)) {
      yield reportOn(user, `the final stage runs as root: it sets no USER${strayNote(user.elsewhere)}`);
    } else if (isRoot(user.user)) {
      yield reportOn(user, `the final stage runs as root (\`USER ${user.user}\` on line ${lineOf(user)})`);
    }
  },
};

export const numericUser: Rule = {
  id: 'DW302',
  name: 'numeric-user',
  severity: 'error',
  summary: 'The final USER is numeric (`USER 1000:1000`), so Kubernetes `runAsNonRoot` can verify it.',
  hint: 'Replace the user name with its UID and GID, e.g. `USER 1000:1000` instead of `USER node`.',
  equivalents: {},
  linuxOnly: true,
  *check({ model }) {
    const user = finalUser(model);
    if (!user?.instruction || isRoot(user.user) || user.truncated) return;
    if (user.unresolved.length > 0) {
      yield reportOn(user, `USER uses ${user.unresolved.join(', ')} with no default, so the UID cannot be verified`);
    } else if (!isNumeric(user.user)) {
      yield reportOn(user, `\`USER ${user.user}\` is a name: Kubernetes runAsNonRoot cannot verify it is not root`);
    } else if (user.group !== undefined && !isNumeric(user.group)) {
      yield reportOn(user, `the group in \`USER ${user.user}:${user.group}\` is a name, not a numeric GID`);
    }
  },
};

export const policyUser: Rule = {
  id: 'DW303',
  name: 'policy-uid',
  severity: 'error',
  summary: 'The final USER is the policy UID for the app type (`uid`; `distrolessUid` on distroless bases).',
  hint: 'Use the UID the policy sets (defaults: api/worker 1000, frontend 1001, distroless 65532), or change the policy.',
  equivalents: {},
  linuxOnly: true,
  *check(context) {
    const user = finalUser(context.model);
    if (!user || isRoot(user.user) || !isNumeric(user.user) || user.unresolved.length > 0 || user.truncated) return;
    const expected = expectedUids(context);
    if (expected.includes(Number(user.user))) return;
    const wanted = context.appType ? `the policy UID for ${context.appType} is ${expected[0]}` : `the policy UIDs are ${expected.join(', ')}`;
    yield reportOn(user, `the final stage runs as UID ${user.user}, but ${wanted}`);
  },
};

function expectedUids({ model, policy, appType }: RuleContext): number[] {
  const base = model.final && baseImageOf(model.final)?.ref;
  const distroless = base !== undefined && isDistroless(base);
  const appTypes = appType ? [appType] : APP_TYPES;
  return [...new Set(appTypes.map((type) => policyUid(policy, type, distroless)))];
}
