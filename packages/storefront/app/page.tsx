export default function Home() {
  return (
    <main>
      <h1>storefront</h1>
      <p>Served by the Next.js standalone server, onboarded by dockwright.</p>
    </main>
  );
}
