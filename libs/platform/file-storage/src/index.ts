// What services use; the rest of the library is internal.
export { FileStorageModule } from './lib/file-storage.module';
export { FileStorage, type StoredFileInfo } from './lib/file-storage';
export { storeRequestBody } from './lib/http/upload';
export { sendStoredFile } from './lib/http/download';
