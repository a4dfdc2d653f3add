import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { MAX_SEGMENT_BYTES } from '../object-key';
import { LocalFileStorage } from './local-file-storage';

/** Adapter-specific guarantees of the local disk layout; the shared behaviour is in file-storage.behaviour.spec. */
describe('LocalFileStorage', () => {
  let root: string;
  let storage: LocalFileStorage;
  const body = (value: string) => Readable.from([Buffer.from(value)]);
  const filesIn = async (folder: string) => readdir(join(root, folder), { recursive: true });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'file-storage-layout-'));
    storage = new LocalFileStorage(root, 1024);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores segments up to the longest allowed file name', async () => {
    const key = `${'a'.repeat(MAX_SEGMENT_BYTES)}/${'b'.repeat(MAX_SEGMENT_BYTES)}`;
    await storage.put(key, body('long'));
    expect(await text((await storage.get(key)).stream)).toBe('long');
    expect((await storage.list('a')).items.map((item) => item.key)).toEqual([key]);
  });

  it('keeps exactly one blob per key through concurrent overwrites, and none after delete', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => storage.put('same/key', body(`version ${i}`))));
    expect(await filesIn('blobs')).toHaveLength(1);
    expect(await text((await storage.get('same/key')).stream)).toMatch(/^version \d$/);

    await storage.delete('same/key');
    expect(await filesIn('blobs')).toEqual([]);
    expect(await filesIn('meta')).toEqual([]); // emptied folders are pruned
    expect(await filesIn('tmp')).toEqual([]);
  });

  it('applies its default limit when a put names none', async () => {
    await expect(storage.put('big', Readable.from([Buffer.alloc(1025)]))).rejects.toMatchObject({ status: 413 });
    expect(await filesIn('tmp')).toEqual([]);
    expect(await filesIn('blobs')).toEqual([]);
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(storage.list('', { cursor: '!!' })).rejects.toMatchObject({ status: 400 });
  });
});
