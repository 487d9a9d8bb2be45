/** Command-line flags → raw answers, by the option table: `--name x`, `--name=x`, `--app-type x`, `--force`. */
import { OPTIONS, type OptionDefinition, type OptionValue } from '../core/options.js';
import { InputError } from '../core/spec.js';
import { DEBUG_FLAG } from './user-errors.js';

/** An option's flag spelling in kebab case (`appType` → `app-type`). */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

function optionForFlag(flag: string): OptionDefinition | undefined {
  return OPTIONS.find((option) => option.name === flag || kebab(option.name) === flag);
}

export function parseFlags(args: readonly string[]): Record<string, OptionValue> {
  const answers: Record<string, OptionValue> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === DEBUG_FLAG) continue;
    const match = /^--(no-)?([^=]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!match) throw new InputError(arg, `unexpected argument; pass options as --${OPTIONS[0]!.name} <value>`);
    const [, negated, flag, inlineValue] = match;
    const option = optionForFlag(flag!);
    if (!option) {
      throw new InputError(flag!, `unknown option; options are ${OPTIONS.map((known) => `--${known.name}`).join(', ')}`);
    }
    if (option.type === 'boolean' && inlineValue === undefined) {
      answers[option.name] = !negated;
      continue;
    }
    const value = inlineValue ?? args[index + 1];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
      throw new InputError(option.name, 'needs a value');
    }
    if (inlineValue === undefined) index += 1;
    answers[option.name] = value;
  }
  return answers;
}

/** The arguments after `--`, where plop leaves a generator's own flags. */
export function argsAfterSeparator(argv: readonly string[]): string[] {
  const separator = argv.indexOf('--');
  return separator === -1 ? [] : argv.slice(separator + 1);
}
