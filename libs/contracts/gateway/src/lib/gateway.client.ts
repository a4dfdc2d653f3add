import { buildPath, type ServiceCaller } from '@ms/contracts-common';
import { GATEWAY_SERVICE } from './gateway.service';
import type { InfoDto } from './dto/info.dto';

/**
 * Typed calls to gateway for other services. Construct it with the platform's InternalHttpClient, which adds the
 * service token, the request id and timeouts: `new GatewayClient(internalHttpClient)`.
 */
export class GatewayClient {
  constructor(private readonly caller: ServiceCaller) {}

  info(): Promise<InfoDto> {
    return this.caller.call(GATEWAY_SERVICE, { method: 'GET', path: '/info' });
  }
}
