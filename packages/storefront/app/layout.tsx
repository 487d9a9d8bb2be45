import type { Metadata } from 'next';
import type { CSSProperties, ReactNode } from 'react';

export const metadata: Metadata = {
  title: 'storefront',
  description: 'storefront, onboarded by dockwright',
};

// System fonts only: nothing is fetched from a font CDN at build time.
const bodyStyle: CSSProperties = { fontFamily: 'system-ui, sans-serif', margin: '2rem' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={bodyStyle}>{children}</body>
    </html>
  );
}
