import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  ServiceUnavailableException,
} from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { isDatabaseUnavailableError } from '../connection/database-errors';

/**
 * Turns "the database is down or timed out" into 503 `database unavailable` (clients and load balancers retry a 503;
 * a 500 says the service is broken). Everything else passes through untouched: the platform's error filter still
 * shapes the response, and a unique violation stays the service's to map (typically to 409).
 */
@Injectable()
export class DatabaseUnavailableInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            isDatabaseUnavailableError(error)
              ? new ServiceUnavailableException('database unavailable', { cause: error })
              : error,
          ),
        ),
      );
  }
}
