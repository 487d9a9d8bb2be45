/**
 * lintDockerfile(text) → findings: every rule the policy leaves on, at the policy's level, then
 * inline suppressions applied. Pure: the caller supplies the text and the build context.
 */
import type { AppType } from '../core/stacks.js';
import { DEFAULT_POLICY, type Policy } from '../policy/schema.js';
import type { BuildContext } from './context.js';
import { baseImageOf, buildModel, isWindowsStage, type DockerfileModel } from './model.js';
import type { Report, RuleContext } from './rule.js';
import { RULES } from './rules/index.js';
import { applySuppressions, suppressionsOf } from './suppress.js';
import type { RuleId } from './rule-ids.js';
import type { FileResult, Finding, Note } from './types.js';

export interface LintTarget {
  /** Workspace-relative path, POSIX-style: how findings name the file. */
  readonly file: string;
  readonly text: string;
}

export interface LintOptions {
  readonly policy?: Policy;
  readonly appType?: AppType;
  readonly buildContext?: BuildContext;
  /** The same text comes again in this process (another file holds it): its model is kept for the next. */
  readonly keepModel?: boolean;
}

type AnchoredFinding = Finding & Pick<Report, 'anchor'>;

export function lintDockerfile(target: LintTarget, options: LintOptions = {}): FileResult {
  const policy = options.policy ?? DEFAULT_POLICY;
  const model = modelOf(target.text, options.keepModel ?? false);
  const context: RuleContext = { model, policy, appType: options.appType, buildContext: options.buildContext };
  const findings: AnchoredFinding[] = [];
  const windows = model.final && isWindowsStage(model.final) ? model.final : undefined;
  const skipped: RuleId[] = [];
  for (const rule of RULES) {
    const level = policy.rules[rule.id] ?? rule.severity;
    if (level === 'off') continue;
    if (windows && rule.linuxOnly) {
      skipped.push(rule.id);
      continue;
    }
    for (const report of rule.check(context)) {
      findings.push({
        ruleId: rule.id,
        severity: level,
        message: report.message,
        hint: rule.hint,
        file: report.file ?? target.file,
        line: report.line + 1,
        column: report.column + 1,
        anchor: report.anchor,
      });
    }
  }
  const { kept, suppressed, unused } = applySuppressions(findings, suppressionsOf(model));
  return {
    file: target.file,
    findings: kept.map(withoutAnchor).sort(byPosition),
    suppressed: suppressed.map(({ finding, reason }) => ({ ...withoutAnchor(finding), reason })).sort(byPosition),
    unusedSuppressions: unused.map(({ ruleId, line }) => ({ ruleId, line: line + 1 })),
    notes: windows && skipped.length > 0 ? [windowsNote(skipped, windows)] : [],
  };
}

/**
 * Models of the texts a caller said come again (`keepModel`), for one process: a workspace often
 * holds the same Dockerfile more than once (copies, vendored examples), and a model is a pure
 * function of the text. Rules are pure too, and what they compute per instruction is memoised on
 * the model's instructions, so a repeated file costs only the rule pass. Only repeated texts are
 * kept: keeping every model of a lint over distinct files keeps them all alive through the
 * collector's young generation, which costs more (5 % of a 200-file lint, docs/lint.md "Speed")
 * than it could save. Bounded by the text held.
 */
const MODELS = new Map<string, DockerfileModel>();
const MAX_CACHED_TEXT = 16 * 1024 * 1024;
let cachedText = 0;

export function modelOf(text: string, keep: boolean): DockerfileModel {
  const known = MODELS.get(text);
  if (known) return known;
  const model = buildModel(text);
  if (keep && cachedText + text.length <= MAX_CACHED_TEXT) {
    MODELS.set(text, model);
    cachedText += text.length;
  }
  return model;
}

function windowsNote(ruleIds: RuleId[], final: NonNullable<DockerfileModel['final']>): Note {
  const image = baseImageOf(final)?.ref.written ?? '';
  return {
    ruleIds,
    message: `${ruleIds.join(', ')} not checked: the final stage runs on a Windows image (\`${image}\`), which has no root user, no apt/apk and no sh, so these rules cannot apply`,
    line: final.from.getRange().start.line + 1,
  };
}

function withoutAnchor({ anchor: _anchor, ...finding }: AnchoredFinding): Finding {
  return finding;
}

// Findings of one file mostly name it: equal names are not handed to the (slow) locale collation.
// Rule ids are all `DW` and three digits, which the collation orders as their code units do: they
// are compared as such, so a lint does not start ICU's collator (~15 ms) to order two findings on one line.
const byPosition = (left: Finding, right: Finding) =>
  (left.file === right.file ? 0 : left.file.localeCompare(right.file)) || left.line - right.line || left.column - right.column || compareIds(left.ruleId, right.ruleId);

const compareIds = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
