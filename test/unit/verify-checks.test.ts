/** The pure checks behind `dockwright verify-image`, on image configs and file lists as Docker reports them. */
import { describe, expect, it } from '@jest/globals';
import {
  checkAppFiles,
  checkBuildTools,
  checkHealthcheckDeclared,
  checkSize,
  checkUser,
  hardenedRunFlags,
  type Expectations,
  type ImageConfig,
} from '../../generators/src/verify/checks.js';
import { parseTarLine } from '../../generators/src/verify/docker-cli.js';

const expected: Expectations = { uid: 1000, budgetMb: 500, healthPath: '/health', healthTimeoutSeconds: 60 };
const config = (overrides: Partial<ImageConfig>): ImageConfig => ({
  sizeBytes: 147_400_000,
  user: '1000:1000',
  healthcheck: ['CMD', 'python', '-c', 'import urllib.request'],
  exposedPorts: [8000],
  workingDir: '/app',
  ...overrides,
});

describe('verify-image checks', () => {
  it('reads path and numeric owner from GNU tar -tv --numeric-owner lines, links without their target', () => {
    expect(parseTarLine('drwxr-xr-x 65532/65532       0 2026-12-01 13:00 app/')).toEqual({ path: 'app/', uid: 65532 });
    expect(parseTarLine('-rw-r--r-- 0/0             142 2026-12-01 13:00 app/my file.js')).toEqual({ path: 'app/my file.js', uid: 0 });
    expect(parseTarLine('lrwxrwxrwx 0/0               0 2026-11-20 09:12 usr/bin/node -> ../local/bin/node')).toEqual({ path: 'usr/bin/node', uid: 0 });
    expect(parseTarLine('hrw-r--r-- 0/0               0 2026-11-20 09:12 usr/bin/b link to usr/bin/a')).toEqual({ path: 'usr/bin/b', uid: 0 });
  });

  it('requires the working directory and everything in it to be root-owned, but for the writable folder', () => {
    const entries = [
      { path: 'app/', uid: 0 },
      { path: 'app/server.js', uid: 0 },
      { path: 'app/.next/cache/', uid: 1000 },
      { path: 'tmp/', uid: 0 },
      { path: 'home/app/', uid: 1000 },
    ];
    expect(checkAppFiles(config({}), entries, { ...expected, writableDir: '/app/.next/cache' })).toEqual({
      check: 'app files',
      ok: true,
      detail: '/app root-owned (writable: /app/.next/cache)',
    });
    expect(checkAppFiles(config({}), entries, expected)).toEqual({ check: 'app files', ok: false, detail: 'owned by 1000: /app/.next/cache' });
    expect(checkAppFiles(config({}), [{ path: 'app/', uid: 1000 }, ...entries.slice(1, 2)], expected).detail).toBe('owned by 1000: /app');
    expect(checkAppFiles(config({ workingDir: '' }), [{ path: 'app/', uid: 1000 }], expected)).toEqual({ check: 'app files', ok: true, detail: 'no working directory' });
    expect(checkAppFiles(config({ workingDir: '/home/nonroot' }), [{ path: 'home/nonroot/', uid: 1000 }], expected)).toEqual({
      check: 'app files',
      ok: true,
      detail: "/home/nonroot is the user's home; no app files in it",
    });
  });

  it('compares the size with the budget in MB (1 MB = 1,000,000 bytes)', () => {
    expect(checkSize(config({}), expected)).toEqual({ check: 'size', ok: true, detail: '147.4 MB (budget 500 MB)' });
    expect(checkSize(config({ sizeBytes: 500_000_001 }), expected).ok).toBe(false);
  });

  it.each([
    ['1000:1000', true, '1000:1000'],
    ['1000', true, '1000'],
    ['', false, 'root (no USER: runs as root)'],
    ['app', false, 'app (not numeric: runAsNonRoot cannot verify it)'],
    ['0:0', false, '0:0 (expected 1000)'],
    ['1001:1001', false, '1001:1001 (expected 1000)'],
  ])('USER %j → ok %s', (user, ok, detail) => {
    expect(checkUser(config({ user }), expected)).toEqual({ check: 'user', ok, detail });
  });

  it('accepts an exec-form probe, and curl only where the image ships it', () => {
    expect(checkHealthcheckDeclared(config({}), []).ok).toBe(true);
    const curl = config({ healthcheck: ['CMD', 'curl', '-fsS', 'http://127.0.0.1:8080/health'] });
    expect(checkHealthcheckDeclared(curl, ['usr/bin/curl']).ok).toBe(true);
    expect(checkHealthcheckDeclared(curl, ['usr/bin/python3'])).toMatchObject({ ok: false, detail: 'probes with curl, which the image lacks' });
    expect(checkHealthcheckDeclared(config({ healthcheck: ['CMD-SHELL', 'true'] }), [])).toMatchObject({ ok: false, detail: 'shell form' });
    expect(checkHealthcheckDeclared(config({ healthcheck: undefined }), [])).toMatchObject({ ok: false, detail: 'no HEALTHCHECK' });
  });

  it('finds compilers, package caches, .git and tests in the file list', () => {
    expect(checkBuildTools(['usr/local/bin/python3.13', 'app/main.py', 'opt/venv/'])).toEqual({ check: 'build tools', ok: true, detail: 'none' });
    for (const file of ['usr/bin/gcc', 'usr/bin/make', 'root/.cache/pip/http/x', 'root/.npm/_cacache/index', 'app/.git/', 'app/tests/']) {
      expect(checkBuildTools(['etc/passwd', file]).ok).toBe(false);
    }
  });

  it('runs every image as the manifests do: read-only root, tmpfs /tmp (and the writable folder), no capabilities, no new privileges', () => {
    expect(hardenedRunFlags({})).toEqual(['--read-only', '--tmpfs', '/tmp', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges']);
    expect(hardenedRunFlags({ writableDir: '/app/.next/cache' })).toEqual([
      '--read-only', '--tmpfs', '/tmp', '--tmpfs', '/app/.next/cache', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
    ]);
  });
});
