import ms from 'ms';

/** A price in cents as the shop shows it: 1999 → "$19.99". */
export function formatPrice(cents) {
  return `$${(cents / 100).toFixed(2)}`;
}

/** How long this process has been up, in words: "3 minutes". */
export function uptime() {
  return ms(Math.round(process.uptime() * 1000), { long: true });
}
