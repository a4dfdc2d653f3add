import { Injectable, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { ErrorTranslations } from '@ms/platform-core';
import { isDatabaseUnavailableError } from '../connection/database-errors';

/**
 * Turns "the database is down or timed out" into 503 `database unavailable` (clients and load balancers retry a 503;
 * a 500 says the service is broken). Everything else passes through untouched: the platform's error filter still
 * shapes the response, and a unique violation stays the service's to map (typically to 409). Registered with the
 * error filter rather than as an interceptor, so no request pays for it until something fails.
 */
@Injectable()
export class DatabaseUnavailableTranslation implements OnModuleInit {
  constructor(private readonly translations: ErrorTranslations) {}

  onModuleInit(): void {
    this.translations.add((error) =>
      isDatabaseUnavailableError(error)
        ? new ServiceUnavailableException('database unavailable', { cause: error })
        : undefined,
    );
  }
}
