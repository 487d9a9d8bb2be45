/** Asks, in a terminal, for every prompted option the flags did not answer; never asks without one. */
import { OPTIONS, type DefaultContext, type OptionDefinition, type OptionValue, type RawAnswers } from '../core/options.js';
import { checkAnswer } from '../core/spec.js';

export async function askMissing(given: RawAnswers, context: DefaultContext): Promise<Record<string, OptionValue | undefined>> {
  const answers: Record<string, OptionValue | undefined> = { ...given };
  for (const option of OPTIONS) {
    if (!option.prompt || answers[option.name] !== undefined || option.relevant?.(answers) === false) continue;
    answers[option.name] = await ask(option, answers, context);
  }
  return answers;
}

async function ask(option: OptionDefinition, answers: RawAnswers, context: DefaultContext): Promise<OptionValue> {
  // Loaded only when someone is at a terminal to answer.
  const { input, select } = await import('@inquirer/prompts');
  const fallback = option.default?.(answers, context);
  if (option.choices) {
    const choices = option.choices(answers);
    const initial = typeof fallback === 'string' && choices.includes(fallback) ? fallback : undefined;
    return select({ message: option.prompt!, choices: choices.map((value) => ({ value })), default: initial });
  }
  const text = await input({
    message: option.prompt!,
    default: fallback === undefined ? undefined : String(fallback),
    validate: (value) => checkAnswer(option, toValue(option, value), answers) ?? true,
  });
  return toValue(option, text);
}

const toValue = (option: OptionDefinition, text: string): OptionValue =>
  option.type === 'integer' && /^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim();
