/**
 * Every image a build pulls: the base of each stage that does not start from another stage, each
 * `COPY --from=<image>` and each `RUN --mount=…,from=<image>` (a stage name or index is not an
 * image). BuildKit does not expand variables in either `from` (Docker 20.10 fails to parse `${VAR}`
 * as a name; newer frontends refuse it), so a `from` holding `$` is no image: the build fails.
 */
import type { Instruction } from 'dockerfile-ast';
import { flagValue } from './flags.js';
import { memoize } from './memo.js';
import { mountsOf } from './mounts.js';
import { parseImage, type ImageRef } from './image.js';
import type { DockerfileModel } from './model.js';
import type { Expansion } from './word.js';

export interface ImageReference {
  readonly instruction: Instruction;
  /** `FROM`, `COPY --from` or `RUN --mount from`. */
  readonly via: string;
  /** The reference as written, before expansion. */
  readonly raw: string;
  readonly ref: ImageRef;
  readonly expansion: Expansion;
  /** Zero-based position of the reference in the file. */
  readonly at: { readonly line: number; readonly character: number };
}

export const imageReferences = memoize((model: DockerfileModel): readonly ImageReference[] => {
  const references: ImageReference[] = [];
  const stageNames = new Set(model.stages.flatMap((stage) => (stage.name ? [stage.name] : [])));
  for (const stage of model.stages) {
    if (stage.image) {
      const at = stage.from.getImageRange()?.start ?? stage.from.getRange().start;
      references.push({ instruction: stage.from, via: 'FROM', raw: stage.from.getImage() ?? '', ...stage.image, at });
    }
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      const sources =
        keyword === 'COPY'
          ? [{ via: 'COPY --from', flag: flagValue(instruction, 'from'), raw: flagValue(instruction, 'from')?.getValue() }]
          : keyword === 'RUN'
            ? mountsOf(instruction).map((mount) => ({ via: 'RUN --mount from', flag: mount.flag, raw: mount.from }))
            : [];
      for (const { via, flag, raw } of sources) {
        if (!flag || !raw || raw.includes('$') || /^\d+$/.test(raw) || stageNames.has(raw.toLowerCase())) continue;
        const expansion: Expansion = { value: raw, unresolved: [], via: [], truncated: false };
        const at = flag.getValueRange()?.start ?? instruction.getRange().start;
        references.push({ instruction, via, raw, ref: parseImage(raw), expansion, at });
      }
    }
  }
  return references;
});
