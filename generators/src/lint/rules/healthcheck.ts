/** DW401 HEALTHCHECK in the final stage, DW402 a probe the image can run, DW403 probe on 127.0.0.1. */
import { finalHealthcheck } from '../final-healthcheck.js';
import { imageFacts } from '../image-facts.js';
import { baseImageOf, finalInstructions, stageOf, type DockerfileModel } from '../model.js';
import { osInstall } from '../packages.js';
import { reportAt, strayNote, type Rule } from '../rule.js';
import { basename, runCommands } from '../shell.js';

const HTTP_CLIENTS = ['curl', 'wget'];

export const healthcheckPresent: Rule = {
  id: 'DW401',
  name: 'healthcheck',
  severity: 'error',
  summary: 'The final stage declares a HEALTHCHECK (policy `healthcheck.required`); one in a builder stage does not count.',
  hint: 'Add e.g. `HEALTHCHECK CMD ["node", "-e", "fetch(\'http://127.0.0.1:3000/health\').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`.',
  equivalents: { trivy: 'DS026' },
  *check({ model, policy }) {
    if (!policy.healthcheck.required) return;
    const health = finalHealthcheck(model);
    if (!health || health.probe) return;
    if (health.none) {
      const where = stageOf(health.none) === health.final ? '' : ' (in a stage the final stage builds on)';
      yield reportAt(health.none, `\`HEALTHCHECK NONE\`${where} switches the health check off on purpose, and the policy requires one; if the image really cannot be probed, suppress this with the reason`);
      return;
    }
    yield reportAt(health.final.from, `the final stage has no HEALTHCHECK${strayNote(health.elsewhere)}`);
  },
};

/** Packages installed by the final stage or the stages it builds on. */
function installedPackages(model: DockerfileModel): Set<string> {
  return new Set(finalInstructions(model, 'RUN').flatMap(runCommands).flatMap((command) => osInstall(command)?.packages ?? []));
}

export const healthcheckProbe: Rule = {
  id: 'DW402',
  name: 'healthcheck-probe',
  severity: 'error',
  summary: 'The HEALTHCHECK runs a probe the final image has: no curl/wget on slim or distroless bases, no shell form without a shell.',
  hint: 'Probe with the runtime itself: Python `urllib.request`, Node `fetch`, or a `healthcheck` subcommand of the app.',
  equivalents: {},
  *check({ model }) {
    const probe = finalHealthcheck(model)?.probe;
    if (!probe || !model.final) return;
    const facts = imageFacts(baseImageOf(model.final)?.ref);
    if (probe.needsShell && facts.shell === false) {
      yield reportAt(probe.instruction, `the probe needs /bin/sh, which ${facts.kind} does not have; use the exec form`);
    }
    const installed = installedPackages(model);
    for (const tool of new Set(probe.commands.map((command) => basename(command.argv[0] ?? '')))) {
      if (HTTP_CLIENTS.includes(tool) && facts.tools[tool] === false && !installed.has(tool)) {
        yield reportAt(probe.instruction, `the probe runs ${tool}, which ${facts.kind} does not have: the container never turns healthy`);
      }
    }
  },
};

export const healthcheckLoopback: Rule = {
  id: 'DW403',
  name: 'healthcheck-loopback',
  severity: 'warning',
  summary: 'The probe targets 127.0.0.1, not `localhost` (which may resolve to ::1 while the app listens on IPv4).',
  hint: 'Write the probe URL as `http://127.0.0.1:<port>/<path>`.',
  equivalents: {},
  *check({ model }) {
    const probe = finalHealthcheck(model)?.probe;
    if (probe && /\blocalhost\b/i.test(probe.text)) yield reportAt(probe.instruction, 'the probe targets localhost instead of 127.0.0.1');
  },
};
