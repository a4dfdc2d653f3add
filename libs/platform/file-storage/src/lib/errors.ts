import {
  HttpException,
  HttpStatus,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';

/** 416: the requested range starts past the end of the file. `size` goes into `Content-Range: bytes *\/size`. */
export class RangeNotSatisfiableException extends HttpException {
  constructor(
    readonly key: string,
    readonly size: number,
  ) {
    super(`range not satisfiable: file "${key}" has ${size} bytes`, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
  }
}

export const fileNotFound = (key: string) => new NotFoundException(`file "${key}" not found`);

export const fileTooLarge = (maxBytes: number) =>
  new PayloadTooLargeException(`file is larger than the limit of ${maxBytes} bytes`);

/** 503 for a backend that failed or did not answer in time; the cause is kept for the log, not sent to clients. */
export function storageUnavailable(reason: string, cause?: unknown): ServiceUnavailableException {
  return new ServiceUnavailableException(`file storage unavailable: ${reason}`, { cause });
}
