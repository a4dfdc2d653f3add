export default async function globalTeardown(): Promise<void> {
  await globalThis.__SYSTEM__?.stop();
}
