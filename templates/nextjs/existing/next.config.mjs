/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone: what the Dockerfile's runtime stage copies.
  output: 'standalone',
};

export default nextConfig;
