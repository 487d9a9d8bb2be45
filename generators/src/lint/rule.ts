/** The shape every lint rule has: its identity and documentation, and a check over the model. */
import type { AppType } from '../core/stacks.js';
import type { Instruction } from 'dockerfile-ast';
import type { Policy } from '../policy/schema.js';
import type { BuildContext } from './context.js';
import type { DockerfileModel } from './model.js';
import type { RuleId } from './rule-ids.js';
import type { Severity } from './types.js';

export interface RuleContext {
  readonly model: DockerfileModel;
  readonly policy: Policy;
  /** When known, the UID rule checks the policy UID of exactly this app type. */
  readonly appType: AppType | undefined;
  /** Unknown when the Dockerfile is linted without a workspace; context rules then stay silent. */
  readonly buildContext: BuildContext | undefined;
}

/** One problem a rule found. Lines and columns are zero-based, as the parser gives them. */
export interface Report {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** The line a `# dockwright-ignore` comment must sit above: the instruction's first line. */
  readonly anchor: number;
  /** When the problem is in another file than the Dockerfile (a .dockerignore). */
  readonly file?: string;
}

export interface Equivalents {
  readonly hadolint?: string;
  readonly trivy?: string;
  readonly buildkit?: string;
}

export interface Rule {
  readonly id: RuleId;
  /** Short kebab-case name, e.g. `pinned-base`. */
  readonly name: string;
  readonly severity: Severity;
  /** What the rule requires, one line. */
  readonly summary: string;
  /** How to fix a finding, one line. */
  readonly hint: string;
  readonly equivalents: Equivalents;
  /** The rule is about Linux images (root, apt, build tools, sh): skipped, with a note, when the final stage is Windows. */
  readonly linuxOnly?: true;
  check(context: RuleContext): Iterable<Report>;
}

/** A report pointing at an instruction (or at a position inside it). */
export function reportAt(instruction: Instruction, message: string, at?: { line: number; character: number }): Report {
  const start = instruction.getRange().start;
  return { message, line: at?.line ?? start.line, column: at?.character ?? start.character, anchor: start.line };
}

export const quoted = (text: string) => `\`${text}\``;

/** " (the USER on line 7 is in a stage the final stage does not build on)": why a stray one does not count. */
export function strayNote(elsewhere: readonly Instruction[]): string {
  const first = elsewhere[0];
  if (!first) return '';
  return ` (the ${first.getKeyword()} on line ${first.getRange().start.line + 1} is in a stage the final stage does not build on)`;
}
