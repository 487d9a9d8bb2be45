/** Kubernetes resource quantities (`100m`, `0.5`, `128Mi`, `1G`, `1e3`) as numbers, to compare a request with its limit. */

/** Kubernetes' quantity syntax (k8s.io/apimachinery resource.Quantity), non-negative. */
export const QUANTITY = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[EPTGMK]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The quantity's value in base units (cores, bytes); throws on text QUANTITY does not match. */
export function quantityValue(text: string): number {
  const match = /^([\d.]+)(.*)$/.exec(text);
  if (!match || !QUANTITY.test(text)) throw new Error(`unreachable: ${JSON.stringify(text)} is not a Kubernetes quantity`);
  const [, number, suffix] = match as unknown as [string, string, string];
  // An exponent (`1e3`) is part of the number; `E` alone is the exa suffix.
  if (/^[eE][+-]?\d+$/.test(suffix)) return Number(`${number}${suffix}`);
  return Number(number) * (BINARY[suffix] ?? DECIMAL[suffix]!);
}
