/** The first setup a package manager's image install cannot handle (stacks.ts `unsupported` rules), read at an install root. */
import { PACKAGE_MANAGERS, type PackageManagerDefinition, type PackageManagerId } from './stacks.js';
import { under, type WorkspaceReader } from './workspace.js';

/** A package whose files the image's install cannot take (Yarn Plug'n'Play, yarnPath): one line naming the file and the fix. */
export class UnsupportedSetupError extends Error {
  override readonly name = 'UnsupportedSetupError';
}

/** One line: `<root>/<file> <reason>; <fix>`, or undefined when the setup is supported. */
export function unsupportedSetup(workspace: WorkspaceReader, root: string, packageManager: PackageManagerId): string | undefined {
  const definition: PackageManagerDefinition = PACKAGE_MANAGERS[packageManager];
  const rule = (definition.unsupported ?? []).find(({ file, when, unless }) => {
    const content = workspace.read(under(root, file));
    return (when !== undefined && content !== undefined && when.test(content)) || (unless !== undefined && !unless.test(content ?? ''));
  });
  return rule && `${under(root, rule.file)} ${rule.reason}; ${rule.fix}`;
}

/** Throws UnsupportedSetupError for the first unsupported setup at root (the message keeps the `lockfile:` field of the install check it belongs to). */
export function assertSupportedSetup(workspace: WorkspaceReader, root: string, packageManager: PackageManagerId): void {
  const unsupported = unsupportedSetup(workspace, root, packageManager);
  if (unsupported) throw new UnsupportedSetupError(`lockfile: ${unsupported}`);
}
