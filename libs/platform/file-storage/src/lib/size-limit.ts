import { BadRequestException } from '@nestjs/common';
import { Readable, Transform } from 'node:stream';
import { fileTooLarge } from './errors';

/** A byte counter between an upload's source and its destination. */
export interface LimitedStream {
  /** The bytes of the source, erroring with a 413 as soon as they exceed the limit. */
  readonly stream: Readable;
  /** Bytes passed through so far. */
  readonly bytes: () => number;
  /** True once the limit was exceeded (backends may wrap the error; this says what really happened). */
  readonly exceeded: () => boolean;
}

/**
 * Passes `source` through while counting bytes. Past `maxBytes` the returned stream errors with a
 * PayloadTooLargeException, so a write fails mid-stream and never buffers the rest. The source is unpiped, never
 * destroyed: for an HTTP request, destroying it would kill the socket before the 413 is sent.
 */
export function limitBytes(source: Readable, maxBytes: number): LimitedStream {
  let count = 0;
  let exceeded = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      count += chunk.length;
      if (count > maxBytes) {
        exceeded = true;
        callback(fileTooLarge(maxBytes));
        return;
      }
      callback(null, chunk);
    },
  });
  // The consumer attaches its own listeners a tick later; until then an early failure must not crash the process.
  counter.on('error', () => undefined);
  // pipe() does not forward source failures; without this a client that disconnects mid-upload would leave the
  // write waiting forever.
  const onSourceError = (error: Error) =>
    counter.destroy(new BadRequestException(`upload failed before its end: ${error.message}`));
  const onSourceClose = () => {
    if (!source.readableEnded) counter.destroy(new BadRequestException('upload ended before it was complete'));
  };
  source.on('error', onSourceError);
  source.on('close', onSourceClose);
  counter.once('close', () => {
    source.off('error', onSourceError);
    source.off('close', onSourceClose);
    source.unpipe(counter);
  });
  source.pipe(counter);
  return { stream: counter, bytes: () => count, exceeded: () => exceeded };
}
