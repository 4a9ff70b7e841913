// Types of server.js for its TypeScript users (e2e/runtime-suite.spec.ts).
export interface StaticServer {
  url: string;
  port: number;
  stats: { requests: number; bytes: number; notModified: number; byPath: Record<string, number> };
  resetStats(): void;
  close(): Promise<void>;
}
export declare function startServer(options: {
  mounts: [prefix: string, folder: string][];
  port?: number;
  log?: boolean;
}): Promise<StaticServer>;
