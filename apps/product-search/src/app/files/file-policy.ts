/** Largest upload accepted by PUT /files/:key (checked while streaming: nothing is stored past it). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Content types accepted as raw uploads; anything else is 415. */
export const FILE_CONTENT_TYPES = ['application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg', 'text/plain'];
