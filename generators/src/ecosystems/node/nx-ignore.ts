/** The folders Nx leaves out of its project search: those the root .gitignore and .nxignore ignore (gitignore syntax). */
import ignore from 'ignore';
import type { WorkspaceReader } from '../../core/workspace.js';
import type { FolderFilter } from './files.js';
import { under } from './files.js';

const IGNORE_FILES = ['.gitignore', '.nxignore'];

export function nxIgnoredFolders(reader: WorkspaceReader, root: string): FolderFilter {
  const rules = ignore().add(IGNORE_FILES.map((file) => reader.read(under(root, file)) ?? '').join('\n'));
  const relative = (folder: string) => (root === '' ? folder : folder.slice(root.length + 1));
  return (folder) => folder !== root && rules.ignores(`${relative(folder)}/`);
}
