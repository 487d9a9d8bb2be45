/**
 * What a RUN with here-documents runs. `RUN <<EOF` (or `RUN <<EOF bash`, `RUN sh <<EOF`) runs the
 * body as a shell script; `RUN <<EOF python3`, `RUN python3 <<EOF` and `RUN cat <<EOF > file`
 * feed it to a program as data. Script bodies are kept, data bodies dropped, and the lines after
 * the terminator (a RUN may continue) kept.
 */
const MARKER = /<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const SHELL = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh)$/;

export function heredocScript(content: string): string {
  const newline = content.indexOf('\n');
  const first = newline === -1 ? content : content.slice(0, newline);
  const markers = [...first.matchAll(MARKER)];
  if (markers.length === 0) return content;
  const lines = content.slice(newline + 1).split('\n');
  const terminator = markers.at(-1)![3]!;
  const end = lines.findIndex((line) => line.trim() === terminator);
  const body = newline === -1 ? [] : lines.slice(0, end === -1 ? undefined : end);
  const rest = end === -1 ? [] : lines.slice(end + 1);
  const command = first.replace(MARKER, ' ').trim();
  return [...(runsBody(first, command) ? body : [command]), ...rest].join('\n');
}

/** `<<EOF`, `<<EOF bash`, `sh <<EOF`, `bash -s <<EOF`: the body is the script itself. */
function runsBody(first: string, command: string): boolean {
  const words = command.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return true;
  if (!SHELL.test(words[0]!) || words.includes('-c')) return false;
  return first.trimStart().startsWith('<<') || words.every((word, index) => index === 0 || word.startsWith('-'));
}
