import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { HttpMethod } from '@ms/contracts-common';
import { HANDLER_ACCESS, HandlerAccess, PLATFORM_CONTROLLER } from './access.decorators';

export interface HandlerInfo {
  /** `ControllerName.method`, used in error messages. */
  readonly handler: string;
  readonly method: HttpMethod | 'OTHER';
  readonly path: string;
  readonly access: HandlerAccess;
  readonly platform: boolean;
}

const METHOD_NAMES: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/** `/a/` + `b/:id/` → `/a/b/:id` */
export function joinRoutePath(...parts: string[]): string {
  const joined =
    '/' +
    parts
      .map((part) => part.replace(/^\/+|\/+$/g, ''))
      .filter(Boolean)
      .join('/');
  return joined;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value : [value];
}

/** Every HTTP handler of the application with its method, full path and access. */
export function listHandlers(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): HandlerInfo[] {
  const handlers: HandlerInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, metatype));
    const platform = Reflect.getMetadata(PLATFORM_CONTROLLER, metatype) === true;
    const prototype = Object.getPrototypeOf(instance);
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const fn = prototype[methodName];
      const methodPaths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
      if (methodPaths === undefined) continue; // not a route handler
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod;
      const access =
        reflector.getAllAndOverride<HandlerAccess | undefined>(HANDLER_ACCESS, [fn, metatype]) ?? 'internal';
      for (const controllerPath of controllerPaths) {
        for (const methodPath of asList(methodPaths)) {
          handlers.push({
            handler: `${metatype.name}.${methodName}`,
            method: METHOD_NAMES[requestMethod] ?? 'OTHER',
            path: joinRoutePath(controllerPath, methodPath),
            access,
            platform,
          });
        }
      }
    }
  }
  return handlers;
}
