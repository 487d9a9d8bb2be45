/**
 * deploy/k8s/<name>/: a Deployment that runs the image as hardened as verify-image does (Pod
 * Security Standards "restricted", read-only root), a Service for HTTP services, and the
 * kustomization that ties them together and points the image at the policy's registry.
 */
import { Document } from 'yaml';
import type { Resources } from '../../policy/schema.js';
import type { KubernetesSettings } from '../spec.js';
import type { ServiceFacts } from './facts.js';

export const kubernetesFolder = (name: string) => `deploy/k8s/${name}`;

export interface ManifestFile {
  readonly path: string;
  readonly content: string;
}

type Manifest = Record<string, unknown>;

const PORT_NAME = 'http';
/** ConfigMap and Secret the pod reads its environment from; optional, so it starts before they exist. */
export const configMapName = (name: string) => `${name}-config`;
export const secretName = (name: string) => `${name}-secrets`;
/** An emptyDir volume per writable folder: tmp for /tmp, then writable-1… */
const volumeName = (index: number) => (index === 0 ? 'tmp' : `writable-${index}`);

export function kubernetesManifests(facts: ServiceFacts, settings: KubernetesSettings): ManifestFile[] {
  const folder = kubernetesFolder(facts.name);
  const resources = [
    { file: 'deployment.yaml', manifest: deployment(facts, settings.resources) },
    ...(facts.http ? [{ file: 'service.yaml', manifest: service(facts, facts.http.port) }] : []),
  ];
  const files = [...resources, { file: 'kustomization.yaml', manifest: kustomization(facts, settings.registry, resources.map(({ file }) => file)) }];
  return files.map(({ file, manifest }) => ({ path: `${folder}/${file}`, content: yamlFile(manifest, facts) }));
}

const labels = (facts: ServiceFacts) => ({ 'app.kubernetes.io/name': facts.name });

function deployment(facts: ServiceFacts, resources: Resources): Manifest {
  const { intervalSeconds, timeoutSeconds, startPeriodSeconds, retries } = facts.timing;
  const probe = facts.http
    ? { httpGet: { path: facts.http.healthPath, port: PORT_NAME } }
    : { exec: { command: [...facts.probe] } };
  const checks = { ...probe, periodSeconds: intervalSeconds, timeoutSeconds, failureThreshold: retries };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: facts.name, labels: labels(facts) },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels(facts) },
      template: {
        metadata: { labels: labels(facts) },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: facts.uid,
            runAsGroup: facts.gid,
            fsGroup: facts.gid,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: facts.name,
              image: `${facts.image.name}:${facts.image.tag}`,
              imagePullPolicy: 'IfNotPresent',
              ...(facts.http ? { ports: [{ name: PORT_NAME, containerPort: facts.http.port, protocol: 'TCP' }] } : {}),
              envFrom: [
                { configMapRef: { name: configMapName(facts.name), optional: true } },
                { secretRef: { name: secretName(facts.name), optional: true } },
              ],
              // Docker's grace: the start period, then `retries` failed probes; the startup probe allows as long.
              startupProbe: { ...checks, failureThreshold: Math.ceil(startPeriodSeconds / intervalSeconds) + retries },
              readinessProbe: checks,
              livenessProbe: checks,
              resources: { requests: { ...resources.requests }, limits: { ...resources.limits } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                runAsUser: facts.uid,
                runAsGroup: facts.gid,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: facts.writableDirs.map((mountPath, index) => ({ name: volumeName(index), mountPath })),
            },
          ],
          volumes: facts.writableDirs.map((_, index) => ({ name: volumeName(index), emptyDir: {} })),
        },
      },
    },
  };
}

function service(facts: ServiceFacts, port: number): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: facts.name, labels: labels(facts) },
    spec: {
      type: 'ClusterIP',
      selector: labels(facts),
      ports: [{ name: PORT_NAME, port, targetPort: PORT_NAME, protocol: 'TCP' }],
    },
  };
}

function kustomization(facts: ServiceFacts, registry: string, resources: readonly string[]): Manifest {
  const { name, tag } = facts.image;
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...resources],
    images: [{ name, newName: `${registry}/${name}`, newTag: tag }],
  };
}

function yamlFile(manifest: Manifest, facts: ServiceFacts): string {
  const document = new Document(manifest, { aliasDuplicateObjects: false });
  document.commentBefore = ` Generated by dockwright from the facts of ${facts.dockerfilePath}; regenerate rather than edit.`;
  return document.toString({ lineWidth: 0 });
}
