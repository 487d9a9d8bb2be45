/**
 * Which variables an instruction sees, as BuildKit resolves them: FROM sees the global ARGs
 * (declared before the first FROM) and the built-in platform ARGs; inside a stage, the ENV of the
 * stages it builds on, then its own ARG and ENV in order, where an ARG without a default takes the
 * global or built-in value. Scopes are versioned, so each instruction's view costs no copy.
 */
import type { Arg, Env, Instruction, Property } from 'dockerfile-ast';
import { textOf } from './source-text.js';
import { processWord, type Expansion, type Scope } from './word.js';

/** BuildKit's automatic platform ARGs, with their values on a linux/amd64 engine. */
export const BUILTIN_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
]);

export interface Source {
  readonly text: string;
  readonly escapeChar: string;
}

export interface ArgBinding {
  readonly name: string;
  readonly value: string | undefined;
  /** Zero-based line of the ARG. */
  readonly line: number;
  /** ARGs its default was built from. */
  readonly via: readonly string[];
}

/** A property's value as written (quotes included), expanded in `scope`. */
export function propertyValue(source: Source, property: Property, scope: Scope): Expansion | undefined {
  const range = property.getValueRange();
  if (!range) return undefined;
  return processWord(textOf(source, range), scope, source.escapeChar);
}

/** The global scope: built-in ARGs, then the ARGs before the first FROM, each expanded where declared. */
export function globalArgs(source: Source, args: readonly Arg[]): { scope: Map<string, string | undefined>; bindings: Map<string, ArgBinding> } {
  const scope = new Map<string, string | undefined>(BUILTIN_ARGS);
  const bindings = new Map<string, ArgBinding>();
  for (const arg of args) {
    const property = arg.getProperty();
    if (!property) continue;
    const name = property.getName();
    const expansion = propertyValue(source, property, scope);
    const value = expansion ? expansion.value : BUILTIN_ARGS.get(name);
    scope.set(name, value);
    bindings.set(name, { name, value, line: arg.getRange().start.line, via: expansion?.via ?? [] });
  }
  return { scope, bindings };
}

/** name → the versions at which it was set and the values, in order. */
class VersionedScope {
  private readonly entries = new Map<string, { versions: number[]; values: (string | undefined)[] }>();
  version = 0;

  constructor(private readonly fallback: Scope) {}

  set(name: string, value: string | undefined): void {
    this.version += 1;
    const entry = this.entries.get(name) ?? { versions: [], values: [] };
    entry.versions.push(this.version);
    entry.values.push(value);
    this.entries.set(name, entry);
  }

  /** The scope as it was at `version`. */
  at(version: number): Scope {
    return {
      get: (name) => {
        const entry = this.entries.get(name);
        let found: string | undefined;
        if (entry) {
          let low = 0;
          let high = entry.versions.length - 1;
          let index = -1;
          while (low <= high) {
            const middle = (low + high) >> 1;
            if (entry.versions[middle]! <= version) {
              index = middle;
              low = middle + 1;
            } else high = middle - 1;
          }
          if (index !== -1) found = entry.values[index];
        }
        return found ?? this.fallback.get(name);
      },
    };
  }
}

export interface StageScopes {
  /** What the instruction sees (its own declaration excluded). */
  at(instruction: Instruction): Scope;
  /** The ENV a stage built on this one inherits. */
  readonly exported: Scope;
}

const EMPTY: Scope = { get: () => undefined };

/** Walks a stage once: the version each instruction sees, and the ENV it passes on. */
export function stageScopes(source: Source, instructions: readonly Instruction[], inherited: Scope | undefined, globalScope: Scope): StageScopes {
  const vars = new VersionedScope(inherited ?? EMPTY);
  const env = new VersionedScope(inherited ?? EMPTY);
  const versions = new Map<Instruction, number>();
  for (const instruction of instructions) {
    versions.set(instruction, vars.version);
    const keyword = instruction.getKeyword();
    if (keyword === 'ENV') {
      for (const property of (instruction as Env).getProperties()) {
        const value = propertyValue(source, property, vars.at(vars.version))?.value ?? '';
        vars.set(property.getName(), value);
        env.set(property.getName(), value);
      }
    } else if (keyword === 'ARG') {
      const property = (instruction as Arg).getProperty();
      if (!property) continue;
      const name = property.getName();
      const expansion = propertyValue(source, property, vars.at(vars.version));
      vars.set(name, expansion ? expansion.value : globalScope.get(name));
    }
  }
  const exported = env.at(env.version);
  return { at: (instruction) => vars.at(versions.get(instruction) ?? vars.version), exported };
}
