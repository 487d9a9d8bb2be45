/** DW801: ADD only where COPY cannot do it: remote sources (URLs, git) and local archives to unpack; a source from an ARG with no value is not judged. */
import { copySources } from '../copy-sources.js';
import { reportAt, type Rule } from '../rule.js';
import type { Expansion } from '../word.js';

const REMOTE = /^(?:https?:\/\/|git@|git:\/\/)/i;
// A compressed file (.gz, .bz2, .xz, .zst) may hold a tar, which ADD unpacks: given the benefit of the doubt.
const ARCHIVE = /\.(?:tar|gz|bz2|xz|zst|tgz|tbz2?|txz)$/i;

export const addOnlyWhenNeeded: Rule = {
  id: 'DW801',
  name: 'add-only-when-needed',
  severity: 'warning',
  summary: 'ADD is used only to fetch a remote source or unpack a local tar archive; COPY for everything else.',
  hint: 'Replace `ADD` with `COPY`: it does the same for local files, without implicit unpacking or downloads.',
  equivalents: { hadolint: 'DL3020', trivy: 'DS005' },
  *check({ model }) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'ADD') continue;
      const sources = copySources(model, instruction);
      const unknown = (source: Expansion) => source.unresolved.length > 0 || source.truncated;
      if (sources.length === 0 || sources.some((source) => unknown(source) || REMOTE.test(source.value) || ARCHIVE.test(source.value))) continue;
      yield reportAt(instruction, `\`ADD ${sources.map((source) => source.value).join(' ')}\` copies local files: use COPY`);
    }
  },
};
