/**
 * Just enough shell to read RUN and HEALTHCHECK commands: split a script into simple commands on
 * `&&`, `||`, `;`, `|`, `&` and newlines, honouring quotes and line continuations, and drop what
 * only wraps a command (`VAR=x`, `sudo`, `env`, `exec`, `sh -c "…"` is read inside).
 */
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { heredocScript } from './heredoc.js';
import { memoize } from './memo.js';
import { inheritedInstructions, isWindowsStage, stageOf, type Stage } from './model.js';
import { argumentsText } from './source-text.js';

export interface ShellCommand {
  readonly argv: readonly string[];
  /** Wrappers dropped before the command (`sudo`, `env`, `exec`…), innermost last. */
  readonly via?: readonly string[];
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}']);
const WRAPPERS = new Set(['sudo', 'exec', 'nohup', 'time', 'command', 'xargs']);
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

export const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export function shellCommands(script: string): ShellCommand[] {
  return commandsOf(tokenize(script));
}

function commandsOf(tokens: readonly Token[]): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let argv: string[] = [];
  const flush = () => {
    commands.push(...unwrap(argv));
    argv = [];
  };
  for (const token of tokens) {
    if (token.separator) flush();
    else argv.push(token.word);
  }
  flush();
  return commands;
}

/** The commands an exec-form array runs: itself, or the script of `sh -c "<script>"`. */
export function execCommands(argv: readonly string[]): ShellCommand[] {
  return unwrap([...argv]);
}

function unwrap(argv: string[], outer: readonly string[] = []): ShellCommand[] {
  let start = 0;
  const via = [...outer];
  while (start < argv.length) {
    const word = argv[start]!;
    if (WRAPPERS.has(word) || word === 'env') via.push(word);
    const redirection = redirectionLength(word);
    if (KEYWORDS.has(word) || WRAPPERS.has(word) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) start += 1;
    else if (word === 'env') start += 1;
    else if (redirection > 0) start += redirection;
    else break;
  }
  const rest = argv.slice(start);
  if (rest.length === 0 || rest[0] === 'fi' || rest[0] === 'done') return [];
  const dashC = rest.indexOf('-c');
  if (SHELLS.has(basename(rest[0]!)) && dashC !== -1 && rest[dashC + 1] !== undefined) {
    return shellCommands(rest[dashC + 1]!).map((command) => (via.length > 0 ? { ...command, via: [...via, ...(command.via ?? [])] } : command));
  }
  return [via.length > 0 ? { argv: rest, via } : { argv: rest }];
}

const REDIRECTION = /^(?:\d*(?:>>?|<>?|>&|<&)|&>>?)/;

/**
 * How many words a redirection written before a command's name takes (`>&2 echo`, `2> /dev/null
 * cmd`): 1 with its target in the word, 2 for the operator alone, 0 for a word that is none.
 */
function redirectionLength(word: string): 0 | 1 | 2 {
  const operator = REDIRECTION.exec(word)?.[0];
  if (operator === undefined) return 0;
  return operator === word ? 2 : 1;
}

/** The words from the first one a redirection written before the command's name does not take. */
export function withoutLeadingRedirections(words: readonly string[]): readonly string[] {
  let start = 0;
  let taken: number;
  while ((taken = redirectionLength(words[start] ?? '')) > 0) start += taken;
  return words.slice(start);
}

export interface Token {
  readonly word: string;
  readonly separator: boolean;
}

/** A run of characters the tokenizer treats as plain text: no quote, escape, separator, comment or whitespace. */
const PLAIN_RUN = /[^\s\\'"#&|;()]+/y;

/**
 * Words and separators, in one pass (a hot path: every RUN of every file goes through it). A
 * word's plain characters are found in runs by one regular expression (native code, where a
 * loop over characters runs in V8's interpreter in a short process) and sliced from the script.
 */
export function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  // Where the word's plain characters not yet added to `word` start, or -1.
  let run = -1;
  const flush = (index: number) => {
    if (run === -1) return;
    word += script.slice(run, index);
    run = -1;
  };
  const plain = (index: number) => {
    if (run === -1) run = index;
    inWord = true;
  };
  // The plain character at `index` and the run after it: the index of the run's last character.
  const plainRun = (index: number) => {
    plain(index);
    PLAIN_RUN.lastIndex = index + 1;
    return PLAIN_RUN.test(script) ? PLAIN_RUN.lastIndex - 1 : index;
  };
  const end = (index: number) => {
    flush(index);
    if (inWord) tokens.push({ word, separator: false });
    word = '';
    inWord = false;
  };
  const length = script.length;
  for (let index = 0; index < length; index += 1) {
    const char = script[index]!;
    switch (char) {
      case '\\':
        flush(index);
        if (script[index + 1] !== '\n') {
          word += script[index + 1] ?? '';
          inWord = true;
        }
        index += 1;
        break;
      case "'":
      case '"': {
        flush(index);
        const close = closingQuote(script, index);
        word += unquote(script.slice(index + 1, close), char);
        inWord = true;
        index = close;
        break;
      }
      case '#':
        if (inWord) plain(index);
        else while (index + 1 < length && script[index + 1] !== '\n') index += 1;
        break;
      case '&':
        // `2>&1`, `>&2`, `<&3` and `&>file` are redirections: part of a word, not a separator.
        if ((run !== -1 && (script[index - 1] === '>' || script[index - 1] === '<')) || script[index + 1] === '>') {
          index = plainRun(index);
          break;
        }
      // falls through
      case '|':
        end(index);
        if (script[index + 1] === char) {
          tokens.push({ word: char + char, separator: true });
          index += 1;
        } else tokens.push({ word: char, separator: true });
        break;
      case ';':
      case '\n':
      case '(':
      case ')':
        end(index);
        tokens.push({ word: char, separator: true });
        break;
      case ' ':
      case '\t':
      case '\r':
        end(index);
        break;
      default:
        if (char.charCodeAt(0) > 127 || char === '\f' || char === '\v' ? /\s/.test(char) : false) end(index);
        else index = plainRun(index);
    }
  }
  end(length);
  return tokens;
}

function closingQuote(script: string, open: number): number {
  const quote = script[open];
  for (let index = open + 1; index < script.length; index += 1) {
    if (quote === '"' && script[index] === '\\') index += 1;
    else if (script[index] === quote) return index;
  }
  return script.length;
}

const unquote = (text: string, quote: string) => (quote === '"' ? text.replace(/\\(["\\$`])/g, '$1') : text);

/**
 * The script a RUN executes: exec form, shell form, or a here-document. A shell form (or
 * here-document) run by a shell that is not a POSIX shell (`SHELL ["pwsh", …]`, Windows' cmd) is
 * not read: its commands are not sh commands.
 */
export const runCommands = memoize((run: Instruction): readonly ShellCommand[] => {
  const json = (run as JSONInstruction).getJSONStrings?.() ?? [];
  if (json.length > 0) return execCommands(json.map((argument) => argument.getJSONValue()));
  if (!isPosixShell(shellOf(run))) return [];
  return commandsOf(runScriptTokens(run));
});

/** The shell-form script of a RUN (a script here-document's body), tokenized once for every rule that reads it. */
export const runScriptTokens = memoize((run: Instruction): readonly Token[] => tokenize(heredocScript(argumentsText(run))));

const DEFAULT_SHELL = ['/bin/sh', '-c'];
const WINDOWS_SHELL = ['cmd', '/S', '/C'];

/** `sh`, `bash`, `/bin/ash`…: a shell whose scripts these parsers read. */
export const isPosixShell = (argv: readonly string[]) => SHELLS.has(basename(argv[0] ?? '').toLowerCase());

/** The shell form's shell for an instruction: the last SHELL before it, in its stage or the stages it builds on. */
export function shellOf(instruction: Instruction): readonly string[] {
  const stage = stageOf(instruction);
  return (stage && shellsIn(stage).get(instruction)) ?? DEFAULT_SHELL;
}

const shellsIn = memoize((stage: Stage): Map<Instruction, readonly string[]> => {
  const shells = new Map<Instruction, readonly string[]>();
  let current: readonly string[] = isWindowsStage(stage) ? WINDOWS_SHELL : DEFAULT_SHELL;
  for (const instruction of inheritedInstructions(stage)) {
    shells.set(instruction, current);
    if (instruction.getKeyword() !== 'SHELL') continue;
    const argv = ((instruction as JSONInstruction).getJSONStrings?.() ?? []).map((argument) => argument.getJSONValue());
    if (argv.length > 0) current = argv;
  }
  return shells;
});
