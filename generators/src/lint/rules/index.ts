/** Every rule, in report and documentation order. */
import type { Rule } from '../rule.js';
import { addOnlyWhenNeeded } from './add.js';
import { allowedBase, minimalBase, pinnedBase } from './base-image.js';
import { dockerignoreExcludes, dockerignorePresent } from './dockerignore.js';
import { execForm } from './exec-form.js';
import { healthcheckLoopback, healthcheckPresent, healthcheckProbe } from './healthcheck.js';
import { manifestsFirst } from './layer-order.js';
import { multiStage } from './multi-stage.js';
import { aptNoRecommends, noBuildTools, packageCaches } from './os-packages.js';
import { noSecrets } from './secrets.js';
import { aptGetYes, noSudo, pipefail, workdirNotCd } from './shell-hygiene.js';
import { badSuppression } from './suppression.js';
import { syntaxDirective, syntaxError } from './syntax.js';
import { nonRootUser, numericUser, policyUser } from './user.js';
import { absoluteWorkdir } from './workdir.js';

export const RULES: readonly Rule[] = [
  syntaxError,
  syntaxDirective,
  badSuppression,
  multiStage,
  minimalBase,
  pinnedBase,
  allowedBase,
  manifestsFirst,
  nonRootUser,
  numericUser,
  policyUser,
  healthcheckPresent,
  healthcheckProbe,
  healthcheckLoopback,
  execForm,
  noBuildTools,
  aptNoRecommends,
  packageCaches,
  aptGetYes,
  noSecrets,
  addOnlyWhenNeeded,
  absoluteWorkdir,
  workdirNotCd,
  pipefail,
  noSudo,
  dockerignorePresent,
  dockerignoreExcludes,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
