import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '../events/event';

export const ON_EVENT_METADATA = 'ms:messaging:on-event';

/**
 * Marks a provider method as the service's handler for an event type. The method receives `(payload, context)`;
 * write the effect with `context.manager` so it commits together with the "processed" mark.
 */
export const OnEvent = <T>(event: EventDefinition<T>): MethodDecorator => SetMetadata(ON_EVENT_METADATA, event);
