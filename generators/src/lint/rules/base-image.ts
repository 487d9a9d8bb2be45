/** DW102 minimal base, DW103 pinned base (ARGs resolved), DW104 base allowed by the policy. */
import { isScratch, matchForms, matchesAny } from '../image.js';
import { imageReferences } from '../image-references.js';
import { baseImageOf, chainOf, type DockerfileModel, type Stage } from '../model.js';
import { reportAt, quoted, type Report, type Rule } from '../rule.js';

function reportAtImage(stage: Stage, message: string): Report {
  return reportAt(stage.from, message, stage.from.getImageRange()?.start);
}

/** At most this many ARGs are named in a message. */
const SHOWN_ARGS = 5;

/** "through ARG IMAGE (line 3), ARG TAG (line 2)": where a FROM got its value. */
export function describeArgs(model: DockerfileModel, names: readonly string[]): string {
  const seen = new Set<string>();
  const pending = [...names].reverse();
  while (pending.length > 0) {
    const name = pending.pop()!;
    const binding = model.globalArgs.get(name);
    if (seen.has(name) || !binding) continue;
    seen.add(name);
    pending.push(...[...binding.via].reverse());
  }
  const args = [...seen].slice(0, SHOWN_ARGS).map((name) => `ARG ${name} (line ${model.globalArgs.get(name)!.line + 1})`);
  const more = seen.size > SHOWN_ARGS ? ` and ${seen.size - SHOWN_ARGS} more` : '';
  return args.length > 0 ? ` through ${args.join(', ')}${more}` : '';
}

export const pinnedBase: Rule = {
  id: 'DW103',
  name: 'pinned-base',
  severity: 'error',
  summary: 'Every image pulled (FROM, `COPY --from=<image>`, `RUN --mount=from=<image>`) has a tag or digest that is not `latest`, once ARG defaults are resolved.',
  hint: 'Pin a version as an ARG with a default, e.g. `ARG NODE_VERSION=24` and `FROM node:${NODE_VERSION}-slim`.',
  equivalents: { hadolint: 'DL3006, DL3007', trivy: 'DS001', buildkit: 'InvalidDefaultArgInFrom, UndefinedArgInFrom' },
  *check({ model }) {
    for (const reference of imageReferences(model)) {
      const { ref, expansion, raw, via } = reference;
      if (expansion.truncated) continue;
      if (expansion.unresolved.length > 0) {
        const names = expansion.unresolved.join(', ');
        yield reportAt(reference.instruction, `${quoted(`${via} ${raw}`)} uses ${names} with no default: the image is whatever --build-arg passes, or nothing`, reference.at);
        continue;
      }
      if (isScratch(ref) || ref.digest) continue;
      const shown = raw === ref.written ? quoted(ref.written) : `${quoted(raw)} resolves to ${quoted(ref.written)}${describeArgs(model, expansion.via)} and`;
      if (!ref.tag) yield reportAt(reference.instruction, `${shown} has no tag, so it pulls \`latest\``, reference.at);
      else if (ref.tag.toLowerCase() === 'latest') yield reportAt(reference.instruction, `${shown} uses the \`latest\` tag`, reference.at);
    }
  },
};

export const minimalBase: Rule = {
  id: 'DW102',
  name: 'minimal-base',
  severity: 'warning',
  summary: 'The final stage runs on a minimal base: a `-slim` variant, Alpine, distroless or scratch (policy `baseImages.minimal`).',
  hint: 'Use the `-slim` variant (e.g. `python:3.13-slim`) or a distroless image for the runtime stage.',
  equivalents: {},
  *check({ model, policy }) {
    const final = model.final;
    const base = final && baseImageOf(final);
    if (!base || base.expansion.unresolved.length > 0 || base.expansion.truncated) return;
    if (matchesAny(policy.baseImages.minimal, matchForms(base.ref, true))) return;
    const root = chainOf(final).at(-1)!;
    yield reportAtImage(root, `the final stage runs on ${quoted(base.ref.written)}, which is not a minimal base`);
  },
};

export const allowedBase: Rule = {
  id: 'DW104',
  name: 'allowed-base',
  severity: 'error',
  summary: 'Images come from the registries and repositories the policy allows (`baseImages.allowedRegistries`, `allowedImages`).',
  hint: 'Use an image from an allowed registry (e.g. your mirror), or add it to the policy file.',
  equivalents: { hadolint: 'DL3026' },
  *check({ model, policy }) {
    const { allowedRegistries, allowedImages } = policy.baseImages;
    for (const { instruction, ref, expansion, at } of imageReferences(model)) {
      if (isScratch(ref) || expansion.unresolved.length > 0 || expansion.truncated) continue;
      if (!matchesAny(allowedRegistries, [ref.registry])) {
        yield reportAt(instruction, `registry ${ref.registry} of ${quoted(ref.written)} is not in baseImages.allowedRegistries`, at);
      } else if (!matchesAny(allowedImages, matchForms(ref, false))) {
        yield reportAt(instruction, `image ${quoted(ref.name)} is not in baseImages.allowedImages`, at);
      }
    }
  },
};
