/**
 * design.md §4 checked on the parsed output of every template: stack × appType × packageManager,
 * for new packages and for existing ones.
 */
import { describe, expect, it } from '@jest/globals';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { supportedCombinations } from '../../generators/src/core/stacks.js';
import { fileFrom, planFor } from '../support/generate.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const NAME = 'svc';

interface Stage {
  readonly name: string | undefined;
  readonly image: string;
  readonly instructions: Instruction[];
}

function stagesOf(dockerfile: string): Stage[] {
  const parsed = DockerfileParser.parse(dockerfile);
  const froms = parsed.getFROMs();
  const all = parsed.getInstructions();
  return froms.map((from, index) => {
    const start = from.getRange().start.line;
    const end = froms[index + 1]?.getRange().start.line ?? Number.MAX_SAFE_INTEGER;
    return {
      name: from.getBuildStage() ?? undefined,
      image: from.getImage() ?? '',
      instructions: all.filter((instruction) => {
        const line = instruction.getRange().start.line;
        return line > start && line < end;
      }),
    };
  });
}

const keyword = (instruction: Instruction) => instruction.getKeyword();
const args = (instruction: Instruction) => instruction.getArgumentsContent() ?? '';
const INSTALL = /\b(pip|poetry|npm|pnpm|yarn)\b[^&|;]*\b(install|ci|focus)\b/;
const isInstall = (instruction: Instruction) => keyword(instruction) === 'RUN' && INSTALL.test(args(instruction));

const existingPackages: Record<string, Record<string, string>> = {
  python: { 'pyproject.toml': '[project]\nname = "svc"\n', 'app/main.py': 'app = None\n', 'app/worker.py': '' },
  node: { 'package.json': JSON.stringify({ name: NAME, main: 'dist/index.js', scripts: { build: 'tsc' } }) },
  nextjs: { 'package.json': JSON.stringify({ name: NAME, dependencies: { next: '16.0.0' } }), 'next.config.ts': 'export default {};\n' },
};

const cases = supportedCombinations().flatMap((combination) =>
  (['new', 'existing'] as const).map((mode) => ({ ...combination, mode })),
);

describe.each(cases)('$stack $appType $packageManager ($mode)', ({ stack, appType, packageManager, mode }) => {
  const files = mode === 'existing' ? existingPackageFiles(stack, packageManager) : {};
  const result = planFor({ name: NAME, stack, appType, packageManager, mode }, new MemoryWorkspace(files));
  const dockerfile = fileFrom(result, `docker/${NAME}.Dockerfile`);
  const stages = stagesOf(dockerfile);
  const final = stages.at(-1)!;
  const uid = appType === 'frontend' ? 1001 : 1000;

  it('is multi-stage, on slim bases pinned through ARGs with defaults', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const parsed = DockerfileParser.parse(dockerfile);
    const argDefaults = Object.fromEntries(
      parsed.getInitialARGs().map((arg) => args(arg).split('=') as [string, string]),
    );
    for (const stage of stages) {
      expect(stage.image).toMatch(/^(python|node):\$\{(PYTHON|NODE)_VERSION\}-slim$/);
      const variable = /\$\{(\w+)\}/.exec(stage.image)![1]!;
      expect(argDefaults[variable]).toMatch(/^\d+(\.\d+)?$/);
    }
    expect(dockerfile).not.toMatch(/:latest\b/);
  });

  it('needs no syntax directive and uses nothing the built-in BuildKit frontend lacks', () => {
    expect(DockerfileParser.parse(dockerfile).getDirectives()).toHaveLength(0);
    expect(dockerfile).not.toMatch(/^#\s*syntax=/m);
    expect(dockerfile).not.toMatch(/<<\s*-?\s*['"]?[A-Z]+/);
    expect(dockerfile).not.toMatch(/--link\b/);
  });

  it('installs dependencies from manifests and the lockfile, with a cache mount, before any source', () => {
    for (const stage of stages) {
      const installs = stage.instructions.filter(isInstall);
      const sourceCopy = stage.instructions.findIndex((instruction) => keyword(instruction) === 'COPY' && args(instruction) === '. .');
      for (const install of installs) {
        expect(install.getTextContent()).toMatch(/^RUN --mount=type=cache,target=\S+ /);
        if (sourceCopy !== -1) expect(stage.instructions.indexOf(install)).toBeLessThan(sourceCopy);
      }
    }
    const dependencyStage = stages[0]!;
    const manifestCopy = dependencyStage.instructions.find((instruction) => keyword(instruction) === 'COPY');
    expect(args(manifestCopy!)).not.toContain('. .');
    expect(dependencyStage.instructions.some(isInstall)).toBe(true);
  });

  it(`runs the final stage as numeric non-root ${uid}:${uid}`, () => {
    const users = final.instructions.filter((instruction) => keyword(instruction) === 'USER');
    expect(users.map(args)).toEqual([`${uid}:${uid}`]);
    const lastUser = final.instructions.indexOf(users[0]!);
    expect(final.instructions.slice(lastUser).some((instruction) => keyword(instruction) === 'RUN')).toBe(false);
  });

  it('keeps app files root-owned: no --chown on copies into the final stage', () => {
    for (const copy of final.instructions.filter((instruction) => keyword(instruction) === 'COPY')) {
      expect(args(copy)).not.toContain('--chown');
    }
  });

  it('has an exec-form HEALTHCHECK with a probe the runtime image has, against 127.0.0.1', () => {
    const healthchecks = final.instructions.filter((instruction) => keyword(instruction) === 'HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    const probe = args(healthchecks[0]!);
    expect(probe).toMatch(/CMD \["(python|node)", "-[ce]", ".+"\]$/);
    expect(probe).not.toMatch(/\b(curl|wget)\b/);
    if (appType === 'worker') expect(probe).toContain('/tmp/heartbeat');
    else expect(probe).toContain(`http://127.0.0.1:${stack === 'python' ? 8000 : 3000}/health`);
    expect(JSON.parse(probe.slice(probe.indexOf('[')))).toHaveLength(3);
  });

  it('starts with an exec-form CMD as the last instruction', () => {
    const last = final.instructions.at(-1)!;
    expect(keyword(last)).toBe('CMD');
    expect(Array.isArray(JSON.parse(args(last)))).toBe(true);
  });

  it(appType === 'worker' ? 'exposes no port' : 'exposes its port', () => {
    const exposes = final.instructions.filter((instruction) => keyword(instruction) === 'EXPOSE').map(args);
    expect(exposes).toEqual(appType === 'worker' ? [] : [stack === 'python' ? '8000' : '3000']);
  });

  it('installs no build tools in the final stage and keeps no secrets in ARG/ENV', () => {
    for (const run of final.instructions.filter((instruction) => keyword(instruction) === 'RUN')) {
      expect(args(run)).not.toMatch(/apt-get|apk |build-essential|gcc|make|npm (ci|install)|pip install/);
    }
    for (const instruction of stages.flatMap((stage) => stage.instructions)) {
      if (keyword(instruction) === 'ARG' || keyword(instruction) === 'ENV') {
        expect(args(instruction)).not.toMatch(/SECRET|TOKEN|PASSWORD|API_KEY|PRIVATE/i);
      }
    }
  });

  it('writes a .dockerignore that keeps VCS, dependencies, secrets and tests out of the context', () => {
    const ignore = fileFrom(result, `packages/${NAME}/.dockerignore`).split('\n');
    for (const pattern of ['.git', '.env', '.env.*', '**/*.pem', 'Dockerfile*', 'coverage']) expect(ignore).toContain(pattern);
    expect(ignore).toContain(stack === 'python' ? '.venv' : 'node_modules');
    expect(ignore).toContain(stack === 'python' ? '**/__pycache__' : 'test');
  });
});

function existingPackageFiles(stack: string, packageManager: string): Record<string, string> {
  const lockfiles: Record<string, string> = {
    pip: 'requirements.txt',
    poetry: 'poetry.lock',
    npm: 'package-lock.json',
    pnpm: 'pnpm-lock.yaml',
    yarn: 'yarn.lock',
  };
  const files = { ...existingPackages[stack], [lockfiles[packageManager]!]: '' };
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [`packages/${NAME}/${path}`, content]));
}
