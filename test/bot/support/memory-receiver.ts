// A Receiver with no transport (bolt-js test/unit/helpers style): a test hands it a request body and it drives the
// real App through app.processEvent, resolving once every listener finished, with what the listener acked. The
// logic of listeners and handlers is tested through it; the signed-HTTP and Socket Mode suites cover transport.
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

export interface Delivered {
  /** Whether a listener acked the request (Slack would retry one that was not). */
  acked: boolean;
  /** What the listener acked with: the ephemeral reply of a slash command, or undefined. */
  response: unknown;
}

export class MemoryReceiver implements Receiver {
  #app: App | undefined;

  init(app: App): void {
    this.#app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** One delivery; `retryNum` as Slack's x-slack-retry-num / retry_attempt says it. */
  async deliver(body: Record<string, unknown>, retry?: { num: number; reason: string }): Promise<Delivered> {
    if (this.#app === undefined) throw new Error('MemoryReceiver: the App was not built with it');
    const delivered: Delivered = { acked: false, response: undefined };
    const event: ReceiverEvent = {
      body,
      ...(retry !== undefined ? { retryNum: retry.num, retryReason: retry.reason } : {}),
      ack: async (response?: unknown) => {
        if (delivered.acked) throw new Error('acked twice');
        delivered.acked = true;
        delivered.response = response;
      },
    };
    await this.#app.processEvent(event);
    return delivered;
  }
}
