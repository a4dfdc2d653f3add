// The slice of node-postgres this library uses. @types/pg is not installed in the workspace yet; once it is, delete
// this file and its `/// <reference>` lines.
declare module 'pg' {
  export interface ClientConfig {
    connectionString?: string;
    connectionTimeoutMillis?: number;
    query_timeout?: number;
  }

  export interface QueryResult<R> {
    rows: R[];
  }

  export class Client {
    constructor(config?: ClientConfig);
    connect(): Promise<void>;
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
    escapeIdentifier(identifier: string): string;
    on(event: 'error', listener: (error: Error) => void): this;
  }
}
