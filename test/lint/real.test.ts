/**
 * The proof corpus: real Dockerfiles from public repositories (test/fixtures/lint/real, sources in
 * manifest.json) lint without crashing, and every finding is one reviewed in expected.json, each
 * with its reason. A new finding (a false alarm until reviewed) or a missing one fails. Reviewed
 * false alarms are held at the goal, 2 % of all findings (today none of 160: the Windows USER
 * findings are gone, those rules are skipped on Windows images with a note).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { lintDockerfile } from '../../generators/src/lint/lint.js';

const DIR = new URL('../fixtures/lint/real/', import.meta.url).pathname;
const read = (file: string) => readFileSync(DIR + file, 'utf8');

interface Source {
  readonly repo: string;
  readonly path: string;
  readonly commit: string;
}

interface Expected {
  readonly rule: string;
  readonly line: number;
  readonly reason: string;
  readonly falseAlarm?: true;
}

const manifest = JSON.parse(read('manifest.json')) as Record<string, Source>;
const expected = JSON.parse(read('expected.json')) as Record<string, Expected[]>;
const files = Object.keys(manifest).sort();

describe('real Dockerfiles', () => {
  it('has 40 or more, each with its repository, path and commit, and a reviewed expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const file of files) {
      expect(manifest[file]).toEqual({ repo: expect.stringMatching(/^[\w.-]+\/[\w.-]+$/), path: expect.any(String), commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
      expect(expected[file]).toBeDefined();
      for (const entry of expected[file]!) expect(entry.reason).toMatch(/^(true|false alarm): \S/);
    }
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  it.each(files)('%s: exactly the reviewed findings', (file) => {
    const result = lintDockerfile({ file, text: read(file) });
    const found = result.findings.map((finding) => `${finding.ruleId}:${finding.line}`);
    expect(found).toEqual(expected[file]!.map((entry) => `${entry.rule}:${entry.line}`));
  });

  it('keeps reviewed false alarms at or under 2 % of all findings', () => {
    const all = Object.values(expected).flat();
    const falseAlarms = all.filter((entry) => entry.falseAlarm);
    expect(falseAlarms.length / all.length).toBeLessThanOrEqual(0.02);
  });

  it('notes, on every Windows image and only there, the Linux rules it skipped', () => {
    const noted = files.filter((file) => lintDockerfile({ file, text: read(file) }).notes.length > 0);
    expect(noted).toEqual(files.filter((file) => /windows/.test(file)));
    const [note] = lintDockerfile({ file: 'x', text: read('library-golang-1.26-windows-nanoserver-ltsc2022.Dockerfile') }).notes;
    expect(note).toMatchObject({ ruleIds: ['DW301', 'DW302', 'DW303', 'DW601', 'DW602', 'DW603', 'DW604', 'DW804', 'DW805'], line: 7 });
    expect(note!.message).toContain('Windows image (`mcr.microsoft.com/windows/nanoserver:ltsc2022`)');
  });
});
