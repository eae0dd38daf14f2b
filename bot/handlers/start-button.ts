// The Start buttons under `/ccnet help`: like running `/ccnet` there, with the first question already answered.

import { firstDelivery, type Services } from '../runtime/services.ts';
import type { Click } from '../slack/payload.ts';
import type { WebClient } from '../slack/post.ts';
import { reportFailure } from './report-failure.ts';
import { startCheck } from './start-check.ts';

export async function startFromButton(services: Services, client: WebClient, click: Click): Promise<void> {
  try {
    const key = `start:${click.userId}:${click.channelId}:${click.messageTs ?? ''}`;
    if (!(await firstDelivery(services, key))) return;
    await startCheck(services, client, {
      channel: click.channelId,
      userId: click.userId,
      ...(click.start !== undefined ? { entry: click.start.e } : {}),
    });
  } catch (error) {
    await reportFailure(services, client, error, {
      what: 'start check',
      where: { channel: click.channelId },
      user: click.userId,
    });
  }
}
