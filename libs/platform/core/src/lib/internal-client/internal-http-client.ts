import { HttpException, HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Agent, errors as undiciErrors, request } from 'undici';
import {
  errorCodeOf,
  PLATFORM_ERROR_CODES,
  serviceUrlVariable,
  type ServiceCaller,
  type ServiceDescriptor,
  type ServiceRequest,
} from '@ms/contracts-common';
import { SERVICE_TOKEN_HEADER, ServiceTokenService } from '../accessibility/service-token.service';
import { SERVICE_DESCRIPTOR } from '../bootstrap/tokens';
import { SERVICE_ENV, type Environment } from '../config/config';
import { defaultErrorCode, errorBody } from '../http/error-response';
import { currentRequestId, REQUEST_ID_HEADER } from '../http/request-context';

export const DEFAULT_CALL_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 2_000;
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * A call to another service failed. Its HTTP status is what this service should answer: the callee's 4xx passes
 * through (404, 409, 422 …) with the callee's code, a rejected service token or a callee error becomes 502
 * (`UPSTREAM_FAILED`), no answer in time 504 (`UPSTREAM_TIMEOUT`), no connection 503 (`UPSTREAM_UNAVAILABLE`).
 * `upstreamStatus` and `upstreamCode` are what the callee answered, for callers that tell its errors apart.
 */
export class UpstreamError extends HttpException {
  constructor(
    readonly service: string,
    readonly upstreamStatus: number | undefined,
    status: number,
    message: string,
    readonly code: string,
    readonly upstreamCode?: string,
  ) {
    super(errorBody(status, message, code), status);
  }
}

/**
 * Where a service is reached: `<NAME>_URL` when set (cluster DNS, compose), else loopback on its default port. One
 * variable per service of the registry, so it is read here rather than declared in a config class.
 */
export function serviceBaseUrl(target: ServiceDescriptor, env: Environment): string {
  const configured = env[serviceUrlVariable(target.name)];
  return (configured ?? `http://127.0.0.1:${target.defaultPort}`).replace(/\/+$/, '');
}

/** Calls other services' internal handlers with a service token, the current request id and bounded timeouts. */
@Injectable()
export class InternalHttpClient implements ServiceCaller, OnModuleDestroy {
  private readonly agent = new Agent({ connect: { timeout: CONNECT_TIMEOUT_MS }, keepAliveTimeout: 10_000 });

  constructor(
    private readonly tokens: ServiceTokenService,
    @Inject(SERVICE_DESCRIPTOR) private readonly self: ServiceDescriptor,
    @Inject(SERVICE_ENV) private readonly env: Environment,
  ) {}

  async call<TResponse>(target: ServiceDescriptor, call: ServiceRequest): Promise<TResponse> {
    const url = new URL(serviceBaseUrl(target, this.env) + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const timeoutMs = call.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `ms-internal-client/${this.self.name}`,
      ...call.headers,
      [SERVICE_TOKEN_HEADER]: this.tokens.tokenFor(target.name),
    };
    const requestId = currentRequestId();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }

    const where = `${target.name} ${call.method} ${call.path}`;
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: call.method,
        headers,
        body,
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw this.transportError(target, where, timeoutMs, error);
    }

    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw this.transportError(target, where, timeoutMs, error);
    }
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      if (status === 204 || text === '') return undefined as TResponse;
      try {
        return JSON.parse(text) as TResponse;
      } catch {
        throw new UpstreamError(
          target.name,
          status,
          HttpStatus.BAD_GATEWAY,
          `${where} answered with invalid JSON`,
          PLATFORM_ERROR_CODES.UPSTREAM_INVALID_RESPONSE,
        );
      }
    }
    const upstream = parseErrorBody(text.slice(0, MAX_ERROR_BODY_BYTES));
    if (status >= 400 && status < 500 && status !== 401 && status !== 403) {
      throw new UpstreamError(
        target.name,
        status,
        status,
        upstream.message ?? `${where} failed with ${status}`,
        upstream.code ?? defaultErrorCode(status),
        upstream.code,
      );
    }
    throw new UpstreamError(
      target.name,
      status,
      HttpStatus.BAD_GATEWAY,
      `${where} failed with ${status}${upstream.message ? `: ${upstream.message}` : ''}`,
      PLATFORM_ERROR_CODES.UPSTREAM_FAILED,
      upstream.code,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  private transportError(target: ServiceDescriptor, where: string, timeoutMs: number, error: unknown): UpstreamError {
    const name = (error as Error)?.name;
    const timedOut =
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError ||
      name === 'TimeoutError' ||
      name === 'AbortError';
    if (timedOut) {
      return new UpstreamError(
        target.name,
        undefined,
        HttpStatus.GATEWAY_TIMEOUT,
        `${where} did not answer within ${timeoutMs} ms`,
        PLATFORM_ERROR_CODES.UPSTREAM_TIMEOUT,
      );
    }
    return new UpstreamError(
      target.name,
      undefined,
      HttpStatus.SERVICE_UNAVAILABLE,
      `${target.name} is unavailable (${(error as Error)?.message ?? error})`,
      PLATFORM_ERROR_CODES.UPSTREAM_UNAVAILABLE,
    );
  }
}

/** The message and code of a callee's error body, where it has them. */
function parseErrorBody(text: string): { message?: string; code?: string } {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    return { message: typeof parsed.message === 'string' ? parsed.message : undefined, code: errorCodeOf(parsed) };
  } catch {
    return {};
  }
}
