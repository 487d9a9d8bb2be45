/**
 * Text from a Dockerfile made safe for a terminal: control characters (C0 but tab, DEL, C1) and
 * bidirectional overrides are written as `\xNN` / `\u{NNNN}`, so a hostile file cannot move the
 * cursor, recolour or hide the report.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
