/**
 * dockerfile-utils' syntax validation, one stage at a time. Its variable checks look up each
 * variable's stage among all stages, so one pass over a large many-stage file grows with the
 * square of its size; each stage is validated with the preamble (directives and global ARGs)
 * instead, and positions are mapped back. The one check that spans stages, duplicate stage
 * names, is made here over the whole file.
 */
import { validate } from 'dockerfile-utils';
import type { DockerfileModel } from './model.js';

export interface SyntaxProblem {
  readonly code: number | string | undefined;
  readonly severity: number | undefined;
  readonly message: string;
  /** Zero-based. */
  readonly line: number;
  readonly character: number;
}

export function syntaxProblems(model: DockerfileModel): SyntaxProblem[] {
  const lines = model.text.split('\n');
  const starts = model.stages.map((stage) => stage.from.getRange().start.line);
  if (starts.length <= 1) return validated(model.text, (line) => line);
  const preamble = lines.slice(0, starts[0]);
  const problems: SyntaxProblem[] = [];
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? lines.length;
    const text = [...preamble, ...lines.slice(start, end)].join('\n');
    const toFile = (line: number) => (line < preamble.length ? (index === 0 ? line : -1) : start + line - preamble.length);
    problems.push(...validated(text, toFile).filter((problem) => problem.line !== -1));
  });
  return [...problems, ...duplicateStageNames(model)];
}

function validated(text: string, toFile: (line: number) => number): SyntaxProblem[] {
  return validate(text).map((diagnostic) => ({
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    line: toFile(diagnostic.range.start.line),
    character: diagnostic.range.start.character,
  }));
}

function duplicateStageNames(model: DockerfileModel): SyntaxProblem[] {
  const counts = new Map<string, number>();
  for (const stage of model.stages) if (stage.name) counts.set(stage.name, (counts.get(stage.name) ?? 0) + 1);
  return model.stages
    .filter((stage) => stage.name && counts.get(stage.name)! > 1)
    .map((stage) => {
      const { line, character } = stage.from.getBuildStageRange()?.start ?? stage.from.getRange().start;
      return { code: 'duplicate-stage', severity: 1, message: `duplicate name ${stage.name}`, line, character };
    });
}
