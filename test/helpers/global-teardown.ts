export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __junhengEmbedded?: { stop(): Promise<void>; dataDir: string } }).__junhengEmbedded;
  if (db) await db.stop();
}
