/** The small parsers the rules stand on: ARG expansion, image references, shell, .dockerignore. */
import { describe, expect, it } from '@jest/globals';
import { processWord } from '../../generators/src/lint/word.js';
import { isExcluded, parseDockerignore } from '../../generators/src/lint/dockerignore.js';
import { parseImage } from '../../generators/src/lint/image.js';
import { buildModel, wordOf } from '../../generators/src/lint/model.js';
import { dependencyInstall, osInstall, osRemove } from '../../generators/src/lint/packages.js';
import { heredocScript } from '../../generators/src/lint/heredoc.js';
import { shellCommands } from '../../generators/src/lint/shell.js';
import { parseDockerfile } from '../../generators/src/lint/ast.js';
import { argumentsText } from '../../generators/src/lint/source-text.js';
import { finalHealthcheck } from '../../generators/src/lint/final-healthcheck.js';

describe('expand', () => {
  const scope = new Map<string, string | undefined>([
    ['TAG', '24'],
    ['EMPTY', ''],
    ['UNSET', undefined],
  ]);
  it.each([
    ['node:${TAG}-slim', 'node:24-slim', []],
    ['node:$TAG', 'node:24', []],
    ['${MISSING:-latest}', 'latest', []],
    ['${EMPTY:-fallback}', 'fallback', []],
    ['${EMPTY-fallback}', '', []],
    ['${TAG:+set}', 'set', []],
    ['${UNSET:+set}', '', []],
    ['${UNSET}', '', ['UNSET']],
    ['${A:-${TAG}}', '24', []],
    ['\\$TAG', '$TAG', []],
    ['"root"', 'root', []],
    ['alpine:"3.20"', 'alpine:3.20', []],
    ["'$TAG'", '$TAG', []],
    ['"node:$TAG"', 'node:24', []],
    ['"a\\"b"', 'a"b', []],
    ['${TARGETARCH}', '', ['TARGETARCH']],
  ])('%s → %s', (text, value, unresolved) => {
    expect(processWord(text, scope)).toMatchObject({ value, unresolved, truncated: false });
  });

  it('knows BuildKit\'s built-in platform ARGs in FROM, and in a stage that declares them', () => {
    const model = buildModel('FROM alpine:3.20 AS base-amd64\nFROM base-${TARGETARCH}\nARG TARGETARCH\nARG TARGETVARIANT\nUSER ${TARGETARCH}${TARGETVARIANT}\n');
    expect(model.final!.parent).toBe(model.stages[0]);
    expect(model.globalScope.get('TARGETPLATFORM')).toBe('linux/amd64');
    const user = model.final!.instructions.at(-1)!;
    expect(wordOf(model, user, user.getArgumentsContent()!)).toMatchObject({ value: 'amd64', unresolved: [] });
  });

  it('expands ENV of the stage a stage builds on, in that stage\'s own scope', () => {
    const model = buildModel('FROM alpine:3.20 AS base\nARG V=1\nENV DIR=/srv/$V\nFROM base\nWORKDIR $DIR\n');
    const workdir = model.final!.instructions[0]!;
    expect(wordOf(model, workdir, '$DIR').value).toBe('/srv/1');
  });

  it('resolves ARG defaults built from earlier ARGs', () => {
    const model = buildModel('ARG TAG=latest\nARG IMAGE=node:${TAG}\nFROM ${IMAGE}\n');
    expect(model.stages[0]!.image!.ref.written).toBe('node:latest');
    expect(model.globalArgs.get('IMAGE')).toMatchObject({ value: 'node:latest', via: ['TAG'] });
  });

  it('links a stage to the stage it starts from, case-insensitively', () => {
    const model = buildModel('FROM node:24-slim AS Base\nFROM base AS runtime\n');
    expect(model.stages[1]!.parent).toBe(model.stages[0]);
    expect(model.stages[1]!.image).toBeUndefined();
  });
});

describe('parseImage', () => {
  it.each([
    ['node:24-slim', 'docker.io', 'library/node', '24-slim', undefined],
    ['ghcr.io/astral-sh/uv:0.9.9', 'ghcr.io', 'astral-sh/uv', '0.9.9', undefined],
    ['localhost:5000/team/app', 'localhost:5000', 'team/app', undefined, undefined],
    ['bitnami/nginx@sha256:abc', 'docker.io', 'bitnami/nginx', undefined, 'sha256:abc'],
  ])('%s', (written, registry, repository, tag, digest) => {
    expect(parseImage(written)).toMatchObject({ registry, repository, tag, digest });
  });
});

describe('shellCommands', () => {
  const argvs = (script: string) => shellCommands(script).map((command) => command.argv.join(' '));
  it('splits on operators, keeps quoted text whole and drops wrappers', () => {
    expect(argvs('apt-get update && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y "a b" || exit 1; echo "x && y"')).toEqual([
      'apt-get update',
      'apt-get install -y a b',
      'exit 1',
      'echo x && y',
    ]);
  });
  it('reads inside sh -c and across line continuations', () => {
    expect(argvs("sh -c 'npm ci \\\n --omit=dev'")).toEqual(['npm ci --omit=dev']);
  });
  it('reads `2>&1`, `>&2` and `&>f` as redirections, not `&` separators, and a redirection before the name as no command', () => {
    expect(argvs('echo hi 2>&1 | tee x; >&2 echo oops; make &>/dev/null && a & b; 2> /dev/null FOO=1 curl -fsS x')).toEqual([
      'echo hi 2>&1',
      'tee x',
      'echo oops',
      'make &>/dev/null',
      'a',
      'b',
      'curl -fsS x',
    ]);
  });
  it('drops the comment lines inside a RUN\'s continuation, as BuildKit does, even one ending in the escape character', () => {
    const runs = (text: string) =>
      parseDockerfile(text)
        .getInstructions()
        .filter((instruction) => instruction.getKeyword() === 'RUN')
        .map((run) => argumentsText(run));
    expect(runs('FROM debian\nRUN apt-get update \\\n  # note \\\n  && apt-get install -y curl\nRUN a \\\n # one\n # two \\\n  && b # not a line of its own\n')).toEqual([
      'apt-get update   && apt-get install -y curl',
      'a   && b # not a line of its own',
    ]);
    expect(runs('FROM debian\nRUN <<EOF\n# a comment in the script\necho hi\nEOF\n')).toEqual(['<<EOF\n# a comment in the script\necho hi\nEOF']);
  });
  it('reads a HEALTHCHECK probe as BuildKit does: a comment line in its continuation dropped, even one ending in the escape character', () => {
    const probe = finalHealthcheck(buildModel('FROM debian\nHEALTHCHECK CMD curl -f http://127.0.0.1/ \\\n  # note \\\n  || exit 1\n'))?.probe;
    expect(probe?.commands.map((command) => command.argv.join(' '))).toEqual(['curl -f http://127.0.0.1/', 'exit 1']);
  });
  it('runs the body of a leading here-document and drops data here-documents', () => {
    expect(heredocScript('<<EOT\napt-get update\nEOT')).toBe('apt-get update');
    expect(heredocScript('<<-EOT bash\n\tset -e\n\tapt-get update\nEOT')).toBe('\tset -e\n\tapt-get update');
    expect(heredocScript('sh -eu <<EOF\napt-get update\nEOF')).toBe('apt-get update');
    expect(heredocScript('cat <<EOF > /etc/app.conf\nnpm ci\nEOF')).toBe('cat   > /etc/app.conf');
    expect(heredocScript('<<EOF python3\nimport os\nEOF')).toBe('python3');
    expect(heredocScript('python3 <<"EOF"\nimport os\nEOF')).toBe('python3');
  });
  it('tells OS package installs and dependency installs apart', () => {
    const [apk] = shellCommands('apk add --no-cache --virtual .build gcc musl-dev');
    expect(osInstall(apk!)).toMatchObject({ manager: 'apk', packages: ['gcc', 'musl-dev'] });
    expect(shellCommands('npm install -g pnpm').map(dependencyInstall)).toEqual([undefined]);
    expect(shellCommands('python3 -m pip install -r requirements.txt').map(dependencyInstall)).toEqual(['pip install']);
    expect(shellCommands('yarn workspaces focus --all --production').map(dependencyInstall)).toEqual(['yarn workspaces']);
  });

  it('a program named like an Object method is no package manager (RUN toString foo once crashed the lint)', () => {
    for (const script of ['toString foo', 'constructor', '__proto__ x', 'hasOwnProperty', 'valueOf install x']) {
      expect(shellCommands(script).map((command) => [osInstall(command), osRemove(command)])).toEqual([[undefined, undefined]]);
    }
  });
});

describe('.dockerignore matching', () => {
  const excluded = (patterns: string, path: string) => isExcluded(parseDockerignore(patterns), path);
  it.each([
    ['.git', '.git', true],
    ['/.git/', '.git', true],
    ['**/node_modules', 'node_modules', true],
    ['*/node_modules', 'node_modules', false],
    ['.env*', '.env.local', true],
    ['.env*\n!.env.local', '.env.local', false],
    ['# .git', '.git', false],
    ['node_modules', 'node_modules/x/index.js', true],
    ['.env.[lp]*', '.env.production', true],
    // Go's filepath.Match negates a class with ^ only: [!x] is the class of ! and x.
    ['.env.[!x]*', '.env.production', false],
    ['.env.[^x]*', '.env.production', true],
    ['.ENV', '.env', false],
    ['*\n!src', 'src/index.ts', false],
  ])('%j excludes %s: %s', (patterns, path, result) => {
    expect(excluded(patterns, path)).toBe(result);
  });
});
