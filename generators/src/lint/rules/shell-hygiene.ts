/**
 * RUN hygiene, as hadolint checks it: DW604 `apt-get install` answers yes by itself (DL3014),
 * DW803 WORKDIR rather than a leading `cd` (DL3003), DW804 pipefail for piped RUNs (DL4006),
 * DW805 no sudo (DL3004). They judge one RUN at a time, so an ONBUILD RUN is checked where it is
 * written (it runs in whatever image builds on this one) and once, even when stages here build on it.
 */
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { writtenRuns as everyRun } from '../model.js';
import { reportAt, type Rule } from '../rule.js';
import { memoize } from '../memo.js';
import { basename, isPosixShell, runCommands, runScriptTokens, shellOf, withoutLeadingRedirections, type Token } from '../shell.js';

const isShellForm = (run: Instruction) => ((run as JSONInstruction).getJSONStrings?.() ?? []).length === 0;

const YES_FLAGS = new Set(['--yes', '--assume-yes', '--force-yes']);
/** `-y`, `-qy`, `-yq`, and `-qq` (quiet level 2 implies yes). */
const yesCluster = (arg: string) => /^-[a-zA-Z]*y[a-zA-Z]*$/.test(arg) || /^-[a-zA-Z]*qq[a-zA-Z]*$/.test(arg);

export const aptGetYes: Rule = {
  id: 'DW604',
  name: 'apt-get-yes',
  severity: 'error',
  summary: '`apt-get install` answers yes by itself (`-y`, `--yes`, `--assume-yes` or `-qq`): a build has no one to answer its prompt.',
  hint: 'Write `apt-get install -y --no-install-recommends <packages>`.',
  equivalents: { hadolint: 'DL3014' },
  linuxOnly: true,
  *check({ model }) {
    for (const { run, at } of everyRun(model)) {
      for (const { argv } of runCommands(run)) {
        if (basename(argv[0] ?? '') !== 'apt-get' || !argv.includes('install')) continue;
        const args = argv.slice(1);
        const assumeYes = args.some((arg, index) => YES_FLAGS.has(arg) || yesCluster(arg) || (arg === '-o' && /^APT::Get::Assume-Yes=(true|1|yes)$/i.test(args[index + 1] ?? '')));
        if (!assumeYes) yield reportAt(at, '`apt-get install` without `-y` stops at its "Do you want to continue?" prompt, and the build fails');
      }
    }
  },
};

/** Commands that only set up the shell, skipped when looking for the first real one. */
const SETUP = new Set(['set', 'true', ':']);

export const workdirNotCd: Rule = {
  id: 'DW803',
  name: 'workdir-not-cd',
  severity: 'warning',
  summary: 'A RUN does not start by `cd`-ing into a folder: WORKDIR sets it for every later instruction, and is what readers look for.',
  hint: 'Put `WORKDIR /the/folder` before the RUN and drop the leading `cd /the/folder &&`.',
  equivalents: { hadolint: 'DL3003' },
  *check({ model }) {
    for (const { run, at } of everyRun(model)) {
      const first = runCommands(run).find(({ argv }) => !SETUP.has(argv[0] ?? ''));
      const target = first?.argv[0] === 'cd' ? first.argv[1] : undefined;
      // WORKDIR expands only $V, ${V}, ${V:-x}, ${V:+x}: a folder computed otherwise needs the cd.
      if (target !== undefined && target !== '-' && !/\$\(|`|\$\{[^}]*[%#/^,]/.test(target)) {
        yield reportAt(at, `the RUN starts with \`cd ${target}\`: use \`WORKDIR ${target}\` instead`);
      }
    }
  },
};

/** Shells where `-o pipefail` works; sh (dash on Debian) has no pipefail. */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);

function hasPipefailOption(argv: readonly string[]): boolean {
  return argv.some((arg, index) => arg === 'pipefail' && index > 0 && /^-[a-zA-Z]*o$/.test(argv[index - 1]!));
}

/** Commands that cannot fail, so a pipe from them needs no pipefail. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', 'yes']);

/** Words that lead a command without being it. */
const LEADING = new Set(['!', 'if', 'then', 'elif', 'else', 'while', 'until', 'do']);

const CONDITIONS = new Set(['if', 'elif', 'while', 'until']);

/** How a compound command piped on is named. */
const CLOSERS: Readonly<Record<string, string>> = { '}': '{ … }', done: 'the loop', fi: 'the if', ')': 'the subshell' };

/** The first command piped on (`curl` in `curl … | tar x`) before any `set -o pipefail`, when it can fail. */
const unguardedPipe = memoize((run: Instruction): string | undefined => firstUnguardedPipe(runScriptTokens(run)));

function firstUnguardedPipe(tokens: readonly Token[]): string | undefined {
  let words: string[] = [];
  let guarded = false;
  // Inside `case … esac`, `a|b)` is a pattern, not a pipe.
  let caseDepth = 0;
  const groups: { canFail: boolean; exempt: boolean }[] = [];
  // From `if`/`while` to `then`/`do`: the condition, `a && b | c` included.
  let inCondition = false;
  // Inside `$( … )` a pipe's status is not the command's: pipefail changes nothing there.
  let substitution = 0;
  for (const token of tokens) {
    if (token.word === '(' && (substitution > 0 || words.at(-1)?.endsWith('$'))) {
      substitution += 1;
      words = [];
      continue;
    }
    if (token.word === ')' && substitution > 0) {
      substitution -= 1;
      words = [];
      continue;
    }
    if (substitution > 0) continue;
    if (!token.separator) {
      if (token.word === 'case' && words.length === 0) caseDepth += 1;
      else if (token.word === 'esac' && caseDepth > 0) caseDepth -= 1;
      words.push(token.word);
      continue;
    }
    if (words[0] === 'set' && hasPipefailOption(words)) guarded = true;
    const command = withoutLeadingRedirections(words.filter((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) && !LEADING.has(word)));
    // `! a | b` and `if a | b; then`: a failure of a is wanted to count as success there, so
    // pipefail is no fix (it turns `! a | b` true, and a SIGPIPE of a into a false condition).
    if (CONDITIONS.has(words[0] ?? '')) inCondition = true;
    else if (words[0] === 'then' || words[0] === 'do') inCondition = false;
    const exempt = words[0] === '!' || inCondition || groups.some((group) => group.exempt);
    // `{ echo a; echo b; } | tee f`: a group fails only if a command in it can.
    if (command[0] === '{') groups.push({ canFail: false, exempt: words[0] === '!' });
    const first = command[0] === '{' ? command[1] : command[0];
    let upstream = first;
    if (first === '}') upstream = groups.pop()?.canFail ? '}' : undefined;
    else if (first !== undefined && groups.length > 0 && !CANNOT_FAIL.has(basename(first))) groups[groups.length - 1]!.canFail = true;
    if (token.word === '|' && !guarded && !exempt && caseDepth === 0 && upstream !== undefined && !CANNOT_FAIL.has(basename(upstream))) return CLOSERS[upstream] ?? upstream;
    words = [];
  }
  return undefined;
}

export const pipefail: Rule = {
  id: 'DW804',
  name: 'pipefail',
  severity: 'warning',
  summary: 'A RUN that pipes from a command that can fail runs with `pipefail` (a SHELL with `-o pipefail`, or `set -o pipefail` first), so the failure fails the build.',
  hint: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (on Alpine: `["/bin/ash", "-eo", "pipefail", "-c"]`).',
  equivalents: { hadolint: 'DL4006' },
  linuxOnly: true,
  *check({ model }) {
    for (const { run, at } of everyRun(model)) {
      if (!isShellForm(run)) continue;
      const shell = shellOf(run);
      if (!isPosixShell(shell)) continue;
      if (PIPEFAIL_SHELLS.has(basename(shell[0] ?? '')) && hasPipefailOption(shell)) continue;
      const upstream = unguardedPipe(run);
      if (upstream !== undefined) {
        yield reportAt(at, `\`${upstream} … |\` without pipefail: if ${upstream} fails, the RUN still succeeds with its partial output`);
      }
    }
  },
};

export const noSudo: Rule = {
  id: 'DW805',
  name: 'no-sudo',
  severity: 'error',
  summary: 'No `sudo` in RUN: the build already runs as the USER in effect; switch with `USER` (or gosu/su-exec at run time).',
  hint: 'Put `USER root` before the RUN and `USER <uid>` after it, or drop `sudo`.',
  equivalents: { hadolint: 'DL3004' },
  linuxOnly: true,
  *check({ model }) {
    for (const { run, at } of everyRun(model)) {
      const command = runCommands(run).find(({ argv, via }) => via?.includes('sudo') || basename(argv[0] ?? '') === 'sudo');
      if (command) yield reportAt(at, `\`sudo ${command.argv.join(' ')}\`: sudo in a build is unpredictable (often missing, it prompts, it resets the environment)`);
    }
  },
};
