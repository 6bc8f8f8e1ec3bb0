// Replaced by the real database harness (embedded PostgreSQL or DATABASE_URL).
export default async function globalSetup(): Promise<void> {}
