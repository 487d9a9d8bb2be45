/**
 * design.md §4 checked on the parsed output of every template: stack × appType × packageManager ×
 * base, for new packages and for existing ones.
 */
import { describe, expect, it } from '@jest/globals';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { INITS, STACKS, supportedCombinations, type Base, type StackDefinition, type StackId } from '../../generators/src/core/stacks.js';
import { DEFAULT_POLICY, policyUid } from '../../generators/src/policy/schema.js';
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
const INSTALL = /\b(pip|poetry|npm|pnpm|yarn)\b[^&|;]*\b(install|ci|focus)\b|\buv sync\b|\bgo mod download\b/;
/** Rust's dependency install: cargo building the locked crates against a placeholder main. */
const CARGO_DEPENDENCY_BUILD = /echo 'fn main\(\) \{\}' > src\/main\.rs[\s\S]*\bcargo build\b[^&|;]*--locked/;
const isInstall = (instruction: Instruction) =>
  keyword(instruction) === 'RUN' && (INSTALL.test(args(instruction)) || CARGO_DEPENDENCY_BUILD.test(args(instruction)));

/** The final stage's base, per stack and base variant: -slim, distroless -debian13, or nginx on Debian trixie. */
const RUNTIME_IMAGES: Record<StackId, Partial<Record<Base, string>>> = {
  python: { slim: 'python:${PYTHON_VERSION}-slim', distroless: 'gcr.io/distroless/python3-debian13:${DISTROLESS_TAG}' },
  node: { slim: 'node:${NODE_VERSION}-slim', distroless: 'gcr.io/distroless/nodejs${NODE_VERSION}-debian13:${DISTROLESS_TAG}' },
  nextjs: { slim: 'node:${NODE_VERSION}-slim', distroless: 'gcr.io/distroless/nodejs${NODE_VERSION}-debian13:${DISTROLESS_TAG}' },
  static: { slim: 'nginx:${NGINX_VERSION}-trixie' },
  go: { slim: 'debian:${DEBIAN_RELEASE}-slim', distroless: 'gcr.io/distroless/static-debian13:${DISTROLESS_TAG}' },
  rust: { slim: 'debian:${DEBIAN_RELEASE}-slim', distroless: 'gcr.io/distroless/cc-debian13:${DISTROLESS_TAG}' },
};
/** Images earlier stages may build on (each pinned through an ARG); a stage may also start FROM an earlier one. */
const BUILD_IMAGES = [
  'python:${PYTHON_VERSION}-slim',
  'node:${NODE_VERSION}-slim',
  'golang:${GO_VERSION}-trixie',
  'rust:${RUST_VERSION}-slim',
  'ghcr.io/astral-sh/uv:${UV_VERSION}',
];
/** What each ARG used in a FROM must default to. */
const ARG_DEFAULTS: Record<string, RegExp> = {
  PYTHON_VERSION: /^\d+\.\d+$/,
  NODE_VERSION: /^\d+$/,
  NGINX_VERSION: /^\d+\.\d+$/,
  GO_VERSION: /^\d+\.\d+$/,
  RUST_VERSION: /^\d+\.\d+$/,
  UV_VERSION: /^\d+\.\d+\.\d+$/,
  DISTROLESS_TAG: /^nonroot$/,
  DEBIAN_RELEASE: /^trixie$/,
};
const IGNORED: Record<string, readonly string[]> = {
  python: ['.venv', '**/__pycache__', 'tests'],
  node: ['node_modules', 'test', 'dist'],
  go: ['**/*_test.go', 'bin'],
  rust: ['target', 'tests'],
};

const existingPackages: Record<StackId, Record<string, string>> = {
  python: { 'pyproject.toml': '[project]\nname = "svc"\n', 'app/main.py': 'app = None\n', 'app/worker.py': '' },
  node: { 'package.json': JSON.stringify({ name: NAME, main: 'dist/index.js', scripts: { build: 'tsc' } }) },
  nextjs: { 'package.json': JSON.stringify({ name: NAME, dependencies: { next: '16.0.0' } }), 'next.config.ts': 'export default {};\n' },
  static: { 'package.json': JSON.stringify({ name: NAME, scripts: { build: 'vite build' }, devDependencies: { vite: '8.3.8' } }) },
  go: { 'go.mod': 'module example.com/svc\n\ngo 1.24\n', [`cmd/${NAME}/main.go`]: 'package main\n' },
  rust: { 'Cargo.toml': '[package]\nname = "svc_bin"\nversion = "1.0.0"\n', 'src/main.rs': 'fn main() {}\n' },
};

const cases = supportedCombinations().flatMap((combination) =>
  (['new', 'existing'] as const).map((mode) => ({ ...combination, mode })),
);

describe.each(cases)('$stack $appType $packageManager $base ($mode)', ({ stack, appType, packageManager, base, mode }) => {
  const files = mode === 'existing' ? existingPackageFiles(stack, packageManager) : {};
  const result = planFor({ name: NAME, stack, appType, packageManager, base, mode }, new MemoryWorkspace(files));
  const dockerfile = fileFrom(result, `docker/${NAME}.Dockerfile`);
  const stages = stagesOf(dockerfile);
  const final = stages.at(-1)!;
  const uid = policyUid(DEFAULT_POLICY, appType, base === 'distroless');
  const port = STACKS[stack].defaultPort;
  const probeKind = STACKS[stack].probe;
  const finalInstructions = (name: string) => final.instructions.filter((instruction) => keyword(instruction) === name);

  it(`is multi-stage, on a minimal ${base} runtime base and builder bases pinned through ARGs with defaults`, () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(final.image).toBe(RUNTIME_IMAGES[stack][base]);
    const parsed = DockerfileParser.parse(dockerfile);
    const argDefaults = Object.fromEntries(parsed.getInitialARGs().map((arg) => args(arg).split('=') as [string, string]));
    stages.slice(0, -1).forEach((stage, index) => {
      const earlierStages = stages.slice(0, index).map((earlier) => earlier.name);
      expect(BUILD_IMAGES.includes(stage.image) || earlierStages.includes(stage.image)).toBe(true);
    });
    for (const stage of stages) {
      for (const [, variable] of stage.image.matchAll(/\$\{(\w+)\}/g)) {
        expect({ variable, value: argDefaults[variable!] }).toEqual({ variable, value: expect.stringMatching(ARG_DEFAULTS[variable!]!) });
      }
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
    const dependencyStage = stages.find((stage) => stage.instructions.some(isInstall))!;
    const manifestCopy = dependencyStage.instructions.find((instruction) => keyword(instruction) === 'COPY' && !args(instruction).startsWith('--from'));
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

  // BuildKit creates a missing WORKDIR as the stage's user, and distroless images start as nonroot:
  // a WORKDIR before the copies would hand the app's folder (and every file in it) to the app user.
  it('keeps the app folder root-owned: the final stage copies into it before its WORKDIR', () => {
    const order = final.instructions.map(keyword);
    if (order.includes('WORKDIR')) expect(order.lastIndexOf('COPY')).toBeLessThan(order.indexOf('WORKDIR'));
  });

  it(`has an exec-form HEALTHCHECK with a probe the runtime image has (${probeKind}), against 127.0.0.1`, () => {
    const healthchecks = finalInstructions('HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    const probe = args(healthchecks[0]!);
    const argv = JSON.parse(probe.slice(probe.indexOf('['))) as string[];
    const command = JSON.parse(args(finalInstructions('CMD')[0]!)) as string[];
    if (probeKind === 'subcommand' && mode === 'existing') {
      // An existing binary may not answer `healthcheck`: dockwright's own probe, built beside it.
      expect(argv[0]).toBe('/usr/local/bin/dockwright-healthcheck');
      expect(argv.slice(1)).toEqual(appType === 'worker' ? ['--heartbeat', '/tmp/heartbeat', '30'] : [`http://127.0.0.1:${port}/health`]);
      expect(finalInstructions('COPY').map(args)).toContain('/out/dockwright-healthcheck /usr/local/bin/dockwright-healthcheck');
    } else if (probeKind === 'subcommand') {
      // The service binary answers `healthcheck`: distroless static/cc has no other HTTP client.
      expect(argv).toEqual([command[0], 'healthcheck']);
      if (appType === 'worker') expect(finalInstructions('ENV').map(args).join(' ')).toContain('HEARTBEAT_FILE=/tmp/heartbeat');
    } else if (probeKind === 'curl') {
      // Only the nginx image ships curl; no other runtime may probe with it.
      expect(final.image).toMatch(/^nginx:/);
      expect(argv.slice(0, 2)).toEqual(['curl', '--fail']);
      expect(argv.at(-1)).toBe(`http://127.0.0.1:${port}/health`);
    } else {
      // The interpreter CMD runs: python urllib, node fetch; absolute on distroless.
      expect(argv[0]).toBe(command[0]);
      expect(argv[0]).toMatch(base === 'distroless' ? /^\/(usr\/bin\/python3|nodejs\/bin\/node)$/ : /^(python|node)$/);
      expect(argv.slice(1, 2)).toEqual([probeKind === 'python' ? '-c' : '-e']);
      expect(argv).toHaveLength(3);
      expect(argv[2]).toContain(appType === 'worker' ? '/tmp/heartbeat' : `http://127.0.0.1:${port}/health`);
    }
    if (probeKind !== 'curl') expect(probe).not.toMatch(/\b(curl|wget)\b/);
  });

  const init = (STACKS[stack] as StackDefinition).init;
  it(`starts with an exec-form CMD as the last instruction, ${init ? `under ${init} as PID 1` : 'past any ENTRYPOINT of the base image'}`, () => {
    const last = final.instructions.at(-1)!;
    expect(keyword(last)).toBe('CMD');
    expect(Array.isArray(JSON.parse(args(last)))).toBe(true);
    const ownEntrypoint = (base === 'distroless' && (probeKind === 'python' || probeKind === 'node')) || stack === 'static';
    const entrypoints = finalInstructions('ENTRYPOINT').map((instruction) => JSON.parse(args(instruction)) as string[]);
    expect(entrypoints).toEqual(init ? [[INITS[init].binary, '--']] : ownEntrypoint ? [[]] : []);
  });

  it(init ? `copies only the ${init} binary from a throwaway stage that installs the pinned Debian package` : 'has no init stage', () => {
    const initStage = stages.find((stage) => stage.name === 'init');
    const initCopies = finalInstructions('COPY').map((copy) => copy.getTextContent()).filter((copy) => copy.startsWith('COPY --from=init '));
    if (!init) {
      expect({ initStage, initCopies }).toEqual({ initStage: undefined, initCopies: [] });
      return;
    }
    const { package: name, version, binary, staticBinary } = INITS[init];
    // Distroless may lack the libraries of the dynamic build.
    expect(initCopies).toEqual([`COPY --from=init ${base === 'distroless' ? staticBinary : binary} ${binary}`]);
    const install = initStage!.instructions.map(args).join('\n');
    expect(install).toContain(`apt-get install -y --no-install-recommends ${name}=\${INIT_VERSION}`);
    expect(install).toContain('rm -rf /var/lib/apt/lists/*');
    expect(initStage!.instructions.map(args)).toContain(`INIT_VERSION=${version}`);
  });

  it(appType === 'worker' ? 'exposes no port' : 'exposes its port', () => {
    expect(finalInstructions('EXPOSE').map(args)).toEqual(appType === 'worker' ? [] : [String(port)]);
  });

  if (base === 'distroless') {
    it('runs nothing in the distroless final stage: it has no shell', () => {
      expect(finalInstructions('RUN')).toEqual([]);
    });
  }

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
    for (const pattern of ['.git', '.env', '.env.*', '**/*.pem', '.npmrc', '.yarnrc', 'Dockerfile*', 'coverage']) expect(ignore).toContain(pattern);
    for (const pattern of IGNORED[STACKS[stack].ecosystem]!) expect(ignore).toContain(pattern);
  });
});

function existingPackageFiles(stack: string, packageManager: string): Record<string, string> {
  const lockfiles: Record<string, string> = {
    pip: 'requirements.txt',
    poetry: 'poetry.lock',
    uv: 'uv.lock',
    npm: 'package-lock.json',
    pnpm: 'pnpm-lock.yaml',
    yarn: 'yarn.lock',
    gomod: 'go.sum',
    cargo: 'Cargo.lock',
  };
  // Yarn 4 installs Plug'n'Play without this line, which planning refuses.
  const yarnrc = packageManager === 'yarn' ? { '.yarnrc.yml': 'nodeLinker: node-modules\n' } : {};
  const files = { ...existingPackages[stack as StackId], [lockfiles[packageManager]!]: '', ...yarnrc };
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [`packages/${NAME}/${path}`, content]));
}

describe('stack specifics', () => {
  const dockerfileFor = (answers: Record<string, string>, files: Record<string, string> = {}) =>
    fileFrom(planFor({ name: NAME, mode: 'new', ...answers }, new MemoryWorkspace(files)), `docker/${NAME}.Dockerfile`);

  it('go: downloads modules before the source, builds a static trimmed binary with a build cache', () => {
    const dockerfile = dockerfileFor({ stack: 'go', appType: 'api' });
    expect(dockerfile).toContain('COPY go.mod go.su[m] ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n');
    expect(dockerfile).toMatch(/--mount=type=cache,target=\/root\/\.cache\/go-build \\\n\s+CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o \/out\/svc \.\n/);
  });

  it('go, existing module: builds ./cmd/<name> when it has a main.go, and adds dockwright-healthcheck as a module of its own', () => {
    const files = { [`packages/${NAME}/go.mod`]: 'module x\n', [`packages/${NAME}/cmd/${NAME}/main.go`]: 'package main\n' };
    const result = planFor({ name: NAME, stack: 'go', mode: 'existing' }, new MemoryWorkspace(files));
    const dockerfile = fileFrom(result, `docker/${NAME}.Dockerfile`);
    expect(dockerfile).toContain(`-o /out/${NAME} ./cmd/${NAME}\n`);
    expect(dockerfile).toContain('    cd dockwright-healthcheck \\\n && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dockwright-healthcheck .\n');
    expect(fileFrom(result, `packages/${NAME}/dockwright-healthcheck/go.mod`)).toMatch(/^module dockwright-healthcheck$/m);
    expect(fileFrom(result, `packages/${NAME}/dockwright-healthcheck/main.go`)).toContain('package main');
    expect(planFor({ name: NAME, stack: 'go', mode: 'new' }).changes.map((change) => change.path).join(' ')).not.toContain('dockwright-healthcheck');
  });

  it('rust: compiles the locked dependencies against a placeholder main, then only the crate, with fresh mtimes', () => {
    const dockerfile = dockerfileFor({ stack: 'rust', appType: 'worker' });
    const [deps, build] = dockerfile.split('FROM deps AS build');
    expect(deps).toContain("mkdir src && echo 'fn main() {}' > src/main.rs \\\n && cargo build --release --locked \\\n && rm -r src");
    expect(build).toContain("find src -name '*.rs' -exec touch {} + \\\n && cargo build --release --locked \\\n && install -D target/release/svc /out/svc");
  });

  it('rust, existing crate: copies the binary named by [package] name', () => {
    const files = { [`packages/${NAME}/Cargo.toml`]: '[package]\nname = "billing-core"\nversion = "1.0.0"\n\n[dependencies]\nname = "x"\n' };
    const dockerfile = fileFrom(planFor({ name: NAME, stack: 'rust', mode: 'existing' }, new MemoryWorkspace(files)), `docker/${NAME}.Dockerfile`);
    expect(dockerfile).toContain('install -D target/release/billing-core /out/billing-core');
    expect(dockerfile).toContain('CMD ["/usr/local/bin/billing-core"]');
    expect(dockerfile).toContain('RUN rustc --edition 2021 -C opt-level=s -C strip=symbols -o /out/dockwright-healthcheck dockwright-healthcheck.rs\n');
  });

  it.each(['go', 'rust'])('%s on slim: debian:trixie-slim with the CA bundle from the build stage and user 1000', (stack) => {
    const dockerfile = dockerfileFor({ stack, base: 'slim' });
    expect(dockerfile).toContain('ARG DEBIAN_RELEASE=trixie\n');
    expect(dockerfile).toContain('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n');
    expect(dockerfile).toContain('USER 1000:1000\n');
  });

  it('uv: the binary comes from the pinned uv image into the deps stage only; frozen sync without dev dependencies into /opt/venv', () => {
    const dockerfile = dockerfileFor({ stack: 'python', packageManager: 'uv' });
    const stages = stagesOf(dockerfile);
    expect(stages.map((stage) => stage.name)).toEqual(['uv', 'deps', 'runtime']);
    expect(dockerfile).toContain('COPY --from=uv /uv /usr/local/bin/uv\n');
    expect(dockerfile).toContain('UV_PROJECT_ENVIRONMENT=/opt/venv');
    expect(dockerfile).toContain('COPY pyproject.toml uv.lock ./\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev --no-install-project\n');
    expect(stages[2]!.instructions.map(args).join('\n')).not.toMatch(/\buv\b/);
  });

  it('poetry: poetry in its own venv in the deps stage, locked main dependencies only', () => {
    const dockerfile = dockerfileFor({ stack: 'python', packageManager: 'poetry' });
    expect(dockerfile).toContain('COPY pyproject.toml poetry.lock ./\n');
    expect(dockerfile).toContain('/opt/poetry/bin/poetry install --only main --no-root --no-interaction');
    expect(stagesOf(dockerfile).at(-1)!.instructions.map(args).join('\n')).not.toContain('poetry');
  });

  it.each([
    ['pnpm', 'pnpm install --frozen-lockfile --prod', 'pnpm-lock.yaml'],
    ['yarn', 'yarn workspaces focus --all --production', 'yarn.lock'],
  ])('%s: a pinned install in the install stages only, frozen lockfile, production dependencies in the runtime', (packageManager, install, lockfile) => {
    const dockerfile = dockerfileFor({ stack: 'node', packageManager });
    expect(dockerfile).toContain(`COPY package.json ${lockfile}`);
    expect(dockerfile).toContain(install);
    expect(dockerfile).toMatch(new RegExp(`ENV PATH=/opt/${packageManager}/bin:\\$PATH\nRUN --mount=type=cache,target=/root/\\.npm npm install --global --prefix /opt/${packageManager} [^\\n]*@\\d+\\.\\d+\\.\\d+\\n`));
    expect(stagesOf(dockerfile).at(-1)!.instructions.map(args).join('\n')).not.toMatch(/corepack|pnpm|yarn/);
  });

  it('static: nginx.conf is written in every mode, listens on the port and answers the health path itself', () => {
    for (const mode of ['new', 'existing']) {
      const files: Record<string, string> = mode === 'existing' ? { [`packages/${NAME}/package.json`]: JSON.stringify({ devDependencies: { vite: '8.3.8' } }) } : {};
      const result = planFor({ name: NAME, stack: 'static', mode, port: 8081, healthPath: '/healthz' }, new MemoryWorkspace(files));
      const conf = fileFrom(result, `packages/${NAME}/nginx.conf`);
      expect(conf).toContain('listen 8081;');
      expect(conf).toContain('location = /healthz {');
      expect(conf).toContain('pid /tmp/nginx.pid;');
      expect(conf).not.toMatch(/^\s*user\s/m);
      expect(fileFrom(result, `docker/${NAME}.Dockerfile`)).toContain('COPY --from=build /app/dist /usr/share/nginx/html\n');
    }
  });

  it('distroless node and python: the venv packages or node_modules, and absolute interpreter paths', () => {
    const python = dockerfileFor({ stack: 'python', base: 'distroless' });
    expect(python).toContain('PYTHONPATH=/opt/venv/lib/python3.13/site-packages');
    expect(python).toContain('CMD ["/usr/bin/python3", "-m", "uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]');
    const node = dockerfileFor({ stack: 'node', base: 'distroless' });
    expect(node).toContain('FROM gcr.io/distroless/nodejs${NODE_VERSION}-debian13:${DISTROLESS_TAG} AS runtime');
    expect(node).toContain('CMD ["/nodejs/bin/node", "src/server.js"]');
  });

  it('distroless nextjs: the standalone server on node by its absolute path, .next/cache made in the build stage for nonroot, /app root-owned', () => {
    const dockerfile = dockerfileFor({ stack: 'nextjs', base: 'distroless' });
    const stages = stagesOf(dockerfile);
    const [build, runtime] = ['build', 'runtime'].map((name) => stages.find((stage) => stage.name === name));
    const uid = DEFAULT_POLICY.distrolessUid;
    expect(build!.instructions.map(args).join('\n')).toContain(`install -d --owner=${uid} --group=${uid} .next/standalone${STACKS.nextjs.writableDir.slice('/app'.length)}`);
    expect(dockerfile).toContain('COPY --from=build /app/.next/standalone /app/\n');
    // WORKDIR as the base image's nonroot user would create /app owned by it: every copy comes first.
    const order = runtime!.instructions.map(keyword);
    expect(order.lastIndexOf('COPY')).toBeLessThan(order.indexOf('WORKDIR'));
    expect(dockerfile).toContain('CMD ["/nodejs/bin/node", "server.js"]');
  });
});
