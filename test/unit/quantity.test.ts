/** Kubernetes quantities as numbers: the suffixes resource.Quantity defines, binary and decimal. */
import { describe, expect, it } from '@jest/globals';
import { quantityValue } from '../../generators/src/policy/quantity.js';

describe('quantityValue', () => {
  it.each([
    ['1', 1],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['100m', 0.1],
    ['250u', 0.00025],
    ['5n', 5e-9],
    ['128Mi', 128 * 1024 ** 2],
    ['1Gi', 1024 ** 3],
    ['1.5Ki', 1536],
    ['128M', 128e6],
    ['1G', 1e9],
    ['2k', 2000],
    ['1E', 1e18],
    ['1e3', 1000],
    ['12E-1', 1.2],
  ])('%s = %d', (text, value) => {
    expect(quantityValue(text)).toBeCloseTo(value, 12);
  });

  it('orders binary and decimal suffixes by value', () => {
    expect(quantityValue('512Mi')).toBeGreaterThan(quantityValue('512M'));
    expect(quantityValue('1Gi')).toBeGreaterThan(quantityValue('1000Mi'));
    expect(quantityValue('500m')).toBe(quantityValue('0.5'));
  });

  it('refuses what is not a quantity', () => {
    expect(() => quantityValue('512MB')).toThrow(/not a Kubernetes quantity/);
    expect(() => quantityValue('-1')).toThrow(/not a Kubernetes quantity/);
  });
});
