import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A self-contained server in .next/standalone: what the Dockerfile's runtime stage copies.
  output: 'standalone',
};

export default nextConfig;
