export {
  FileStorageModule,
  FILE_STORAGE_READINESS_CHECK,
  type FileStorageModuleOptions,
} from './lib/file-storage.module';
export {
  FileStorage,
  type ByteRange,
  type ByteRangeRequest,
  type FileList,
  type FileListEntry,
  type GetOptions,
  type ListOptions,
  type PutOptions,
  type StoredFile,
  type StoredFileInfo,
} from './lib/file-storage';
export { FileStorageEnv, DEFAULT_MAX_BYTES } from './lib/file-storage.config';
export { RangeNotSatisfiableException } from './lib/errors';
export { assertValidKey, MAX_KEY_BYTES, MAX_SEGMENT_BYTES } from './lib/object-key';
export { parseRangeHeader } from './lib/byte-range';
export { storeRequestBody, DEFAULT_UPLOAD_CONTENT_TYPES, type UploadOptions } from './lib/http/upload';
export { sendStoredFile, type SendFileOptions } from './lib/http/download';
