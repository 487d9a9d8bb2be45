/** The largest Dockerfile dockwright lints: beyond it a file is refused with one line, not linted for minutes. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

export class InputTooLargeError extends Error {
  override name = 'InputTooLargeError';
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Throws when `text` is over the limit, naming the file. */
export function checkSize(file: string, text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DOCKERFILE_BYTES) {
    throw new InputTooLargeError(`${file} is ${megabytes(bytes)}, over the ${megabytes(MAX_DOCKERFILE_BYTES)} limit for a Dockerfile; not linted`);
  }
}
