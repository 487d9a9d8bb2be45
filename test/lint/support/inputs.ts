/** Generated lint inputs for the bounds tests: doubling and chained ARGs, real Dockerfiles concatenated. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REAL = new URL('../../fixtures/lint/real/', import.meta.url).pathname;

/** `ARG A1=${A0}${A0}`…: each line doubles the value; 27 lines are 2^28 characters unbounded. */
export function doublingArgs(lines: number): string {
  const args = ['ARG A0=xx', ...Array.from({ length: lines - 1 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`)];
  return `${args.join('\n')}\nFROM alpine:\${A${lines - 1}}\n`;
}

export function chainedArgs(count: number): string {
  const args = ['ARG A0=latest', ...Array.from({ length: count - 1 }, (_, i) => `ARG A${i + 1}=\${A${i}}`)];
  return `${args.join('\n')}\nFROM node:\${A${count - 1}}\nUSER 1000\n`;
}

/** Real Dockerfiles concatenated to `bytes`. */
export function realText(bytes: number): string {
  const files = readdirSync(REAL)
    .filter((file) => file.endsWith('.Dockerfile'))
    .sort()
    .map((file) => readFileSync(join(REAL, file), 'utf8'));
  let text = '';
  for (let index = 0; text.length < bytes; index += 1) text += `${files[index % files.length]}\n`;
  return text.slice(0, bytes);
}
