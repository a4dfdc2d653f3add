import type { DynamicModule, FactoryProvider, Type } from '@nestjs/common';
import { IsIn, IsOptional, validateSync } from 'class-validator';

/**
 * The environment a service reads its configuration from: `process.env` when `bootstrapService` starts it, a plain
 * object when a test builds it (`createServiceApp(module, service, env)`, `startTestService(…, { env })`).
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Injection token of the service's {@link Environment}, provided by `createServiceApp` (global). */
export const SERVICE_ENV = Symbol('SERVICE_ENV');

/** Bad configuration: `problems` names each bad variable; the message lists them all. */
export class EnvValidationError extends Error {
  override readonly name = 'EnvValidationError';
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(`Invalid environment: ${list.join('; ')}`);
    this.problems = list;
  }
}

export interface EnvOptions {
  /** Turns the raw string into what the rules check (see {@link asInt}, {@link asList}); default: the string. */
  readonly parse?: (raw: string) => unknown;
  /** An empty value is a value (e.g. an empty prefix), not "unset". */
  readonly keepEmpty?: boolean;
}

interface EnvBinding extends EnvOptions {
  readonly variable: string;
}

const bindings = new WeakMap<object, Map<string, EnvBinding>>();

/**
 * Binds a property of a config class to an environment variable. The property's initializer is its default, the
 * class-validator decorators beside it are its rules, and `$property` in their messages reads as the variable:
 *
 * ```ts
 * export class MessagingSettings {
 *   @Env('MESSAGING_MAX_ATTEMPTS', asInt) @IsInt() @Min(1)
 *   readonly maxAttempts: number = 5;
 * }
 * ```
 *
 * An unset or empty variable keeps the default. The second argument is a parser ({@link asInt}, {@link asList}) or
 * {@link EnvOptions}; without it the string is kept.
 */
export function Env(variable: string, options: EnvOptions['parse'] | EnvOptions = {}): PropertyDecorator {
  const binding: EnvBinding = { variable, ...(typeof options === 'function' ? { parse: options } : options) };
  return (prototype, property) => {
    if (typeof property !== 'string') throw new TypeError(`@Env('${variable}') needs a named property`);
    const own = bindings.get(prototype) ?? new Map<string, EnvBinding>();
    own.set(property, binding);
    bindings.set(prototype, own);
  };
}

/**
 * `@Env` parser of numbers, for `@IsInt()`: what is not a number stays the raw string, so the error names the
 * variable and (with `$value` in a message) what it was set to.
 */
export const asInt = (raw: string): number | string => (Number.isNaN(Number(raw)) ? raw : Number(raw));

/** `@Env` parser of comma-separated lists (blanks around entries and empty entries dropped). */
export const asList = (raw: string): string[] =>
  raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

export const NODE_ENVS = ['development', 'test', 'production'] as const;

/**
 * NODE_ENV, declared once: a config class whose rules or defaults depend on it (a key required in production, a seed
 * that never runs there) extends this instead of binding the variable again.
 */
export abstract class NodeEnvConfig {
  @Env('NODE_ENV')
  @IsOptional()
  @IsIn(NODE_ENVS)
  readonly nodeEnv?: (typeof NODE_ENVS)[number];
}

/**
 * A config class may implement this for what depends on several variables or on the outside world: cross-field
 * checks (throw {@link EnvValidationError}) and derived values (a generated development key). It runs once, after
 * every variable passed its rules.
 */
export interface OnConfigLoad {
  onConfigLoad(env: Environment): void;
}

function bindingsOf(schema: Type<unknown>): Map<string, EnvBinding> {
  const all = new Map<string, EnvBinding>();
  // Parents first, so a subclass can rebind a property.
  const chain: object[] = [];
  for (let proto = schema.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    chain.unshift(proto);
  }
  for (const proto of chain) for (const [property, binding] of bindings.get(proto) ?? []) all.set(property, binding);
  return all;
}

/** The environment variables a config class reads, in declaration order (for docs and error messages). */
export function configVariables(schema: Type<unknown>): string[] {
  return [...bindingsOf(schema).values()].map((binding) => binding.variable);
}

/**
 * Reads a config class from `env`: defaults from its initializers, values from the bound variables, every rule
 * checked at once. Throws one {@link EnvValidationError} naming every bad variable:
 * `Invalid environment: PORT must be an integer number; LOG_LEVEL must be one of the following values: …`.
 */
export function loadConfig<T extends object>(schema: Type<T>, env: Environment): T {
  const config = new schema() as T & Record<string, unknown>;
  const bound = bindingsOf(schema);
  for (const [property, { variable, parse, keepEmpty }] of bound) {
    const raw = env[variable];
    if (raw === undefined || (raw === '' && !keepEmpty)) continue;
    config[property as keyof T & string] = (parse ? parse(raw) : raw) as never;
  }
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap((error) => {
    const variable = bound.get(error.property)?.variable ?? error.property;
    const failed = Object.entries(error.constraints ?? {});
    // "PORT must be an integer number" says it all: the range rules a non-number also fails would only add noise.
    const notANumber = failed.some(([rule]) => rule === 'isInt' || rule === 'isNumber');
    const relevant = notANumber ? failed.filter(([rule]) => rule !== 'min' && rule !== 'max') : failed;
    return relevant.map(([, message]) =>
      message.startsWith(error.property) ? variable + message.slice(error.property.length) : message,
    );
  });
  // Rules sharing one message (e.g. `@IsInt` and `@Min(1)` as "a positive integer") say it once.
  if (problems.length > 0) throw new EnvValidationError([...new Set(problems)]);
  (config as Partial<OnConfigLoad>).onConfigLoad?.(env);
  return config;
}

/** Configs `createServiceApp` read before Nest started, by class (see {@link configsOf}). */
export const LOADED_CONFIGS = Symbol('LOADED_CONFIGS');

const configProviders = new WeakMap<object, Type<object>>();

/**
 * A provider of a config class; inject it by its class (`constructor(private readonly config: MessagingSettings)`).
 * `createServiceApp` finds it in the module tree and reads it with every other config before Nest starts, so all
 * bad variables are named in one error; elsewhere (a bare testing module) it is read from {@link SERVICE_ENV}. A test
 * passes its own environment to `createServiceApp`, or `overrideProvider(MessagingSettings).useValue(loadConfig(…))`.
 */
export function provideConfig<T extends object>(schema: Type<T>): FactoryProvider<T> {
  const provider: FactoryProvider<T> = {
    provide: schema,
    inject: [SERVICE_ENV, { token: LOADED_CONFIGS, optional: true }],
    useFactory: (env: Environment, loaded?: ReadonlyMap<Type<object>, object>) =>
      (loaded?.get(schema) as T | undefined) ?? loadConfig(schema, env),
  };
  configProviders.set(provider, schema);
  return provider;
}

/** The config classes provided (with {@link provideConfig}) anywhere in a module and its imports. */
export function configsOf(root: unknown): Type<object>[] {
  const found = new Set<Type<object>>();
  const seen = new Set<unknown>();
  const visit = (entry: unknown): void => {
    if (!entry || seen.has(entry) || entry instanceof Promise) return;
    seen.add(entry);
    if (typeof entry === 'object' && 'forwardRef' in entry)
      return visit((entry as { forwardRef: () => unknown }).forwardRef());
    const dynamic = typeof entry === 'object' && 'module' in entry ? (entry as DynamicModule) : undefined;
    const moduleClass = dynamic ? dynamic.module : entry;
    const metadata = (key: string): unknown[] => (Reflect.getMetadata(key, moduleClass as object) as unknown[]) ?? [];
    for (const provider of [...metadata('providers'), ...(dynamic?.providers ?? [])]) {
      const schema = typeof provider === 'object' && provider ? configProviders.get(provider) : undefined;
      if (schema) found.add(schema);
    }
    for (const imported of [...metadata('imports'), ...(dynamic?.imports ?? [])]) visit(imported);
  };
  visit(root);
  return [...found];
}

/**
 * Reads every config class from `env`, each once. Throws one {@link EnvValidationError} naming every bad variable
 * of all of them (and every other configuration problem, such as a missing production key).
 */
export function loadConfigs(schemas: readonly Type<object>[], env: Environment): Map<Type<object>, object> {
  const loaded = new Map<Type<object>, object>();
  const problems: string[] = [];
  for (const schema of schemas) {
    try {
      loaded.set(schema, loadConfig(schema, env));
    } catch (error) {
      if (error instanceof EnvValidationError) problems.push(...error.problems);
      else problems.push((error as Error)?.message ?? String(error));
    }
  }
  if (problems.length > 0) throw new EnvValidationError(problems);
  return loaded;
}
