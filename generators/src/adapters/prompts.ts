/**
 * Asks, in a terminal, for every prompted option the flags did not answer; never asks without one.
 *
 * Each answer is checked when it is given, against the answers before it, so a choice that cannot
 * work fails (or is re-asked) there and then, not after every remaining question: `existing` is
 * offered only when the service's folder holds something to dockerize, in mode existing only the
 * stacks whose manifest is there are offered, and a question with one possible answer is not asked.
 */
import { OPTIONS, existingPackage, serviceFolder, type DefaultContext, type OptionDefinition, type OptionValue, type RawAnswers } from '../core/options.js';
import { InputError, checkAnswer, resolveSpec, type SpecContext } from '../core/spec.js';
import { STACKS, STACK_IDS, isStackId } from '../core/stacks.js';

type Answers = Record<string, OptionValue | undefined>;

export async function askMissing(given: RawAnswers, context: SpecContext): Promise<Answers> {
  const answers: Answers = { ...given };
  for (const option of OPTIONS) {
    if (!option.prompt || option.relevant?.(answers) === false) continue;
    if (answers[option.name] === undefined) {
      const choices = choicesFor(option, answers, context);
      answers[option.name] = choices?.length === 1 ? choices[0]! : await ask(option, answers, context, choices);
    }
    const problem = combinationProblem(answers, context);
    if (problem) throw problem;
  }
  return answers;
}

/** The values worth offering given the answers so far (undefined: a free-text question). */
function choicesFor(option: OptionDefinition, answers: RawAnswers, context: DefaultContext): readonly string[] | undefined {
  const choices = option.choices?.(answers);
  if (!choices) return undefined;
  if (option.name === 'mode') return dockerizable(answers, context) ? choices : choices.filter((choice) => choice !== 'existing');
  if (option.name === 'stack' && answers.mode === 'existing') {
    const found = existingPackage(answers, context)?.manifests ?? [];
    return choices.filter((stack) => isStackId(stack) && STACKS[stack].manifests.some((file) => found.includes(file)));
  }
  return choices;
}

/** Whether the service's folder holds a manifest of the stack chosen so far (of any stack, before one is). */
function dockerizable(answers: RawAnswers, context: DefaultContext): boolean {
  const found = existingPackage(answers, context)?.manifests;
  if (!found) return false;
  const stacks = typeof answers.stack === 'string' && isStackId(answers.stack) ? [answers.stack] : STACK_IDS;
  return stacks.some((stack) => STACKS[stack].manifests.some((file) => found.includes(file)));
}

/**
 * A problem with the answers so far taken together (mode existing without a manifest, a name
 * the stack cannot use), worded as at the end of a run: the core's own check, run as soon as the
 * answers it needs are known, with defaults for the questions still to come.
 */
function combinationProblem(answers: RawAnswers, context: SpecContext): InputError | undefined {
  if (typeof answers.name !== 'string' || answers.mode === undefined) return undefined;
  if (answers.stack === undefined) {
    if (answers.mode !== 'existing' || dockerizable(answers, context)) return undefined;
    const manifests = [...new Set(STACK_IDS.flatMap((stack) => STACKS[stack].manifests))];
    return new InputError('mode', `existing needs a manifest (${manifests.join(', ')}) in ${serviceFolder(answers, context)}; none found, use mode new`);
  }
  try {
    resolveSpec(answers, context);
    return undefined;
  } catch (error) {
    if (error instanceof InputError && ['name', 'mode', 'stack'].includes(error.field)) return error;
    // Anything else concerns a later answer (or a flag), which the final check reports.
    return undefined;
  }
}

async function ask(option: OptionDefinition, answers: Answers, context: SpecContext, choices: readonly string[] | undefined): Promise<OptionValue> {
  // Loaded only when someone is at a terminal to answer.
  const { input, select } = await import('@inquirer/prompts');
  const fallback = option.default?.(answers, context);
  if (choices) {
    const initial = typeof fallback === 'string' && choices.includes(fallback) ? fallback : undefined;
    return select({ message: option.prompt!, choices: choices.map((value) => ({ value })), default: initial });
  }
  const text = await input({
    message: option.prompt!,
    default: fallback === undefined ? undefined : String(fallback),
    validate: (value) => {
      const answer = toValue(option, value);
      return checkAnswer(option, answer, answers) ?? combinationProblem({ ...answers, [option.name]: answer }, context)?.message ?? true;
    },
  });
  return toValue(option, text);
}

const toValue = (option: OptionDefinition, text: string): OptionValue =>
  option.type === 'integer' && /^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim();
