/**
 * One table of good and bad values through the three front ends, as users run them: the
 * `dockwright service` CLI, `npx plop service` and `nx g dockwright:service`. Each accepts and
 * refuses exactly the same values, with the same one-line message naming the field.
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT, plop, tempWorkspace } from '../support/cli.js';

type Verdict = 'accepted' | string;

const TABLE: readonly [string, string, Verdict][] = [
  ['port', '8080', 'accepted'],
  ['port', '0x50', 'port: must be an integer from 1 to 65535; got "0x50"'],
  ['port', '1e3', 'port: must be an integer from 1 to 65535; got "1e3"'],
  ['port', '0', 'port: must be an integer from 1 to 65535; got "0"'],
  ['port', '65536', 'port: must be an integer from 1 to 65535; got "65536"'],
  ['port', '80.5', 'port: must be an integer from 1 to 65535; got "80.5"'],
  ['healthPath', '/health', 'accepted'],
  ['healthPath', '/', 'accepted'],
  ['healthPath', '/../../../scripts', `healthPath: must be / or a URL path of segments made of A-Z, a-z, 0-9, '.', '_', '~', '-', none of them . or .. (e.g. /health); got "/../../../scripts"`],
  ['healthPath', '/a/./b', `healthPath: must be / or a URL path of segments made of A-Z, a-z, 0-9, '.', '_', '~', '-', none of them . or .. (e.g. /health); got "/a/./b"`],
  ['name', 'con', 'name: "con" is a device name on Windows (con, prn, aux, nul, com0-9, lpt0-9), which no folder can have'],
  ['name', 'com1', 'name: "com1" is a device name on Windows (con, prn, aux, nul, com0-9, lpt0-9), which no folder can have'],
  ['name', 'lpt9.api', 'name: "lpt9.api" is a device name on Windows (con, prn, aux, nul, com0-9, lpt0-9), which no folder can have'],
  // The policy's default deploy targets include k8s: the name must also be a Kubernetes name.
  ['name', 'my_api', `name: with --deploy k8s, must be a Kubernetes name: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit, at most 63 characters; got "my_api"`],
  ['name', 'v2.api', `name: with --deploy k8s, must be a Kubernetes name: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit, at most 63 characters; got "v2.api"`],
  ['name', '3d-api', `name: with --deploy k8s, must be a Kubernetes name: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit, at most 63 characters; got "3d-api"`],
  ['deploy', 'k8s', 'accepted'],
  ['deploy', 'helm', 'deploy: must be none or a comma-separated list of compose | k8s; got "helm"'],
  ['dependsOn', 'Orders', 'dependsOn: must be a comma-separated list of service names (lowercase slugs, e.g. orders-api,ledger-worker); got "Orders"'],
  ['appType', 'frontend', 'appType: must be one of api | worker for stack python; got "frontend"'],
];

const NAME = 'parity-probe';
/** Every run is a dry run without the lockfile step: only validation is under test. */
const BASE = { name: NAME, stack: 'python' };

function answers(field: string, value: string): [string, string][] {
  return Object.entries({ ...BASE, [field]: value });
}

const cli = async (pairs: [string, string][]) => {
  const run = await execa('node', [join(REPO_ROOT, 'generators/bin/dockwright.js'), 'service', ...pairs.flatMap(([key, value]) => [`--${key}`, value]), '--dryRun', '--skipInstall'], {
    cwd: tempWorkspace(),
    reject: false,
    stdin: 'ignore',
    env: { NODE_OPTIONS: '', FORCE_COLOR: '0' },
  });
  return { exitCode: run.exitCode, output: `${run.stdout}\n${run.stderr}` };
};

const viaPlop = async (pairs: [string, string][]) => {
  const run = await plop(tempWorkspace(), [...pairs.flatMap(([key, value]) => [`--${key}`, value]), '--dryRun', '--skipInstall']);
  return { exitCode: run.exitCode, output: `${run.stdout}\n${run.stderr}` };
};

const viaNx = async (pairs: [string, string][]) => {
  const run = await execa('npx', ['nx', 'g', 'dockwright:service', ...pairs.map(([key, value]) => `--${key}=${value}`), '--skipInstall', '--no-interactive', '--dry-run'], {
    cwd: REPO_ROOT,
    reject: false,
    stdin: 'ignore',
    all: true,
    env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' },
  });
  return { exitCode: run.exitCode, output: String(run.all) };
};

describe('the same values accepted and refused by every front end', () => {
  it.each(TABLE)('--%s %s', async (field, value, verdict) => {
    const pairs = answers(field, value);
    const runs = await Promise.all([cli(pairs), viaPlop(pairs), viaNx(pairs)]);
    const seen = ['cli', 'plop', 'nx'].map((frontEnd, index) => {
      const { exitCode, output } = runs[index]!;
      const refusal = output.split('\n').find((line) => line.includes(`${field}: `))?.replace(/^.*?(?=\b\w+: )/, '');
      return { frontEnd, verdict: exitCode === 0 ? 'accepted' : (refusal?.slice(refusal.indexOf(`${field}: `)) ?? `exit ${exitCode} without a message`) };
    });
    expect(seen).toEqual(['cli', 'plop', 'nx'].map((frontEnd) => ({ frontEnd, verdict })));
  }, 120_000);
});
