/** The first setup a package manager's image install cannot handle (stacks.ts `unsupported` rules), read at an install root. */
import { PACKAGE_MANAGERS, type PackageManagerDefinition, type PackageManagerId } from './stacks.js';
import type { WorkspaceReader } from './workspace.js';

/** One line: `<root>/<file> <reason>; <fix>`, or undefined when the setup is supported. */
export function unsupportedSetup(workspace: WorkspaceReader, root: string, packageManager: PackageManagerId): string | undefined {
  const definition: PackageManagerDefinition = PACKAGE_MANAGERS[packageManager];
  const rules = definition.host?.frozenCheck?.unsupported ?? [];
  const at = (file: string) => (root === '' ? file : `${root}/${file}`);
  const rule = rules.find(({ file, when, unless }) => {
    const content = workspace.read(at(file));
    return (when !== undefined && content !== undefined && when.test(content)) || (unless !== undefined && !unless.test(content ?? ''));
  });
  return rule && `${at(rule.file)} ${rule.reason}; ${rule.fix}`;
}
