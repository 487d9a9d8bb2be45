/**
 * Pod Security Standards as data, and a checker over a pod spec. The controls and their allowed
 * values are those of https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * (Kubernetes v1.34 page: "Baseline" and "Restricted" tables; the restricted profile includes the
 * baseline one). Annotation-only controls (AppArmor annotations) do not apply to our manifests.
 */

type Value = string | number | boolean | undefined;

type Allowed =
  /** The value is one of these (undefined: the field may be absent). */
  | { readonly oneOf: readonly Value[] }
  /** Any value but these. */
  | { readonly noneOf: readonly Value[] }
  /** A list that holds this value. */
  | { readonly contains: Value }
  /** An object with no keys but these (restricted volume types). */
  | { readonly onlyKeys: readonly string[] };

export interface Control {
  readonly profile: 'baseline' | 'restricted';
  readonly control: string;
  /**
   * Fields under the pod spec; `[*]` walks a list. Paths starting at `containers` are checked on
   * initContainers and ephemeralContainers too.
   */
  readonly paths: readonly string[];
  readonly allowed: Allowed;
  /** The pod-level field a container's absent field takes its value from ("container fields may be undefined if the pod-level field is set"). */
  readonly inherits?: string;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

export const BASELINE: readonly Control[] = [
  { profile: 'baseline', control: 'HostProcess', paths: ['securityContext.windowsOptions.hostProcess', 'containers[*].securityContext.windowsOptions.hostProcess'], allowed: { oneOf: [undefined, false] } },
  { profile: 'baseline', control: 'Host Namespaces', paths: ['hostNetwork', 'hostPID', 'hostIPC'], allowed: { oneOf: [undefined, false] } },
  { profile: 'baseline', control: 'Privileged Containers', paths: ['containers[*].securityContext.privileged'], allowed: { oneOf: [undefined, false] } },
  {
    profile: 'baseline',
    control: 'Capabilities',
    paths: ['containers[*].securityContext.capabilities.add[*]'],
    allowed: { oneOf: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'] },
  },
  { profile: 'baseline', control: 'HostPath Volumes', paths: ['volumes[*].hostPath'], allowed: { oneOf: [undefined] } },
  { profile: 'baseline', control: 'Host Ports', paths: ['containers[*].ports[*].hostPort'], allowed: { oneOf: [undefined, 0] } },
  { profile: 'baseline', control: 'AppArmor', paths: ['securityContext.appArmorProfile.type', 'containers[*].securityContext.appArmorProfile.type'], allowed: { oneOf: [undefined, 'RuntimeDefault', 'Localhost'] } },
  {
    profile: 'baseline',
    control: 'SELinux',
    paths: ['securityContext.seLinuxOptions.type', 'containers[*].securityContext.seLinuxOptions.type'],
    allowed: { oneOf: [undefined, '', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'] },
  },
  {
    profile: 'baseline',
    control: 'SELinux',
    paths: ['securityContext.seLinuxOptions.user', 'containers[*].securityContext.seLinuxOptions.user', 'securityContext.seLinuxOptions.role', 'containers[*].securityContext.seLinuxOptions.role'],
    allowed: { oneOf: [undefined, ''] },
  },
  { profile: 'baseline', control: '/proc Mount Type', paths: ['containers[*].securityContext.procMount'], allowed: { oneOf: [undefined, 'Default'] } },
  { profile: 'baseline', control: 'Seccomp', paths: ['securityContext.seccompProfile.type', 'containers[*].securityContext.seccompProfile.type'], allowed: { oneOf: [undefined, 'RuntimeDefault', 'Localhost'] } },
  {
    profile: 'baseline',
    control: 'Sysctls',
    paths: ['securityContext.sysctls[*].name'],
    allowed: {
      oneOf: [
        'kernel.shm_rmid_forced',
        'net.ipv4.ip_local_port_range',
        'net.ipv4.ip_unprivileged_port_start',
        'net.ipv4.tcp_syncookies',
        'net.ipv4.ping_group_range',
        'net.ipv4.ip_local_reserved_ports',
        'net.ipv4.tcp_keepalive_time',
        'net.ipv4.tcp_fin_timeout',
        'net.ipv4.tcp_keepalive_intvl',
        'net.ipv4.tcp_keepalive_probes',
      ],
    },
  },
];

export const RESTRICTED: readonly Control[] = [
  ...BASELINE,
  {
    profile: 'restricted',
    control: 'Volume Types',
    paths: ['volumes[*]'],
    allowed: { onlyKeys: ['name', 'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'] },
  },
  { profile: 'restricted', control: 'Privilege Escalation', paths: ['containers[*].securityContext.allowPrivilegeEscalation'], allowed: { oneOf: [false] } },
  { profile: 'restricted', control: 'Running as Non-root', paths: ['containers[*].securityContext.runAsNonRoot'], allowed: { oneOf: [true] }, inherits: 'securityContext.runAsNonRoot' },
  { profile: 'restricted', control: 'Running as Non-root user', paths: ['securityContext.runAsUser', 'containers[*].securityContext.runAsUser'], allowed: { noneOf: [0] } },
  {
    profile: 'restricted',
    control: 'Seccomp',
    paths: ['containers[*].securityContext.seccompProfile.type'],
    allowed: { oneOf: ['RuntimeDefault', 'Localhost'] },
    inherits: 'securityContext.seccompProfile.type',
  },
  { profile: 'restricted', control: 'Capabilities', paths: ['containers[*].securityContext.capabilities.drop'], allowed: { contains: 'ALL' } },
  { profile: 'restricted', control: 'Capabilities', paths: ['containers[*].securityContext.capabilities.add[*]'], allowed: { oneOf: ['NET_BIND_SERVICE'] } },
];

export interface Violation {
  readonly control: string;
  readonly path: string;
  readonly value: unknown;
}

/** Every field of the pod spec that breaks a control, as `<profile>: <control>`. */
export function violations(pod: unknown, controls: readonly Control[]): Violation[] {
  const found: Violation[] = [];
  for (const control of controls) {
    for (const path of control.paths.flatMap(expandContainers)) {
      for (const field of resolve(pod, path)) {
        const value = field.value === undefined && control.inherits ? resolve(pod, control.inherits)[0]?.value : field.value;
        if (!isAllowed(value, control.allowed)) found.push({ control: `${control.profile}: ${control.control}`, path: field.path, value });
      }
    }
  }
  return found;
}

const expandContainers = (path: string) => (path.startsWith('containers[*]') ? CONTAINER_LISTS.map((list) => path.replace(/^containers/, list)) : [path]);

/** The fields a path names; a `[*]` segment over a missing list names none, a missing leaf is undefined. */
function resolve(root: unknown, path: string): { path: string; value: unknown }[] {
  let fields: { path: string; value: unknown }[] = [{ path: '', value: root }];
  for (const segment of path.split('.')) {
    const list = segment.endsWith('[*]');
    const key = list ? segment.slice(0, -3) : segment;
    fields = fields.flatMap(({ path: at, value }) => {
      const child = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      const here = at ? `${at}.${key}` : key;
      if (!list) return [{ path: here, value: child }];
      return Array.isArray(child) ? child.map((item, index) => ({ path: `${here}[${index}]`, value: item })) : [];
    });
  }
  return fields;
}

function isAllowed(value: unknown, allowed: Allowed): boolean {
  if ('oneOf' in allowed) return allowed.oneOf.includes(value as Value);
  if ('noneOf' in allowed) return !allowed.noneOf.includes(value as Value);
  if ('contains' in allowed) return Array.isArray(value) && value.includes(allowed.contains);
  return value !== null && typeof value === 'object' && Object.keys(value).every((key) => allowed.onlyKeys.includes(key));
}
