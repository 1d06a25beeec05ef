import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '../../../lib/enums';
import { EVENT_TYPES } from '../model/notification-events';
import { Organization } from './indicator';

export const NotificationEvent = enumOf(EVENT_TYPES);
export type NotificationEvent = (typeof EVENT_TYPES)[number];
registerEnumType(NotificationEvent, {
  name: 'NotificationEvent',
  description: 'What the hub tells people about (see the table in docs/reporting.md)',
});

@ObjectType({ description: "An organisation's webhook: events of the listed types are POSTed to its URL, signed" })
export class WebhookSubscription {
  @Field(() => ID) id: string;
  @Field(() => Organization, { nullable: true }) organization: Organization | null;
  @Field() url: string;
  @Field(() => [NotificationEvent]) events: NotificationEvent[];
  @Field() createdBy: string;
  @Field() createdAt: string;
}

@ObjectType({ description: 'A new subscription and its signing secret, shown this once' })
export class WebhookSubscriptionCreated {
  @Field(() => WebhookSubscription) subscription: WebhookSubscription;
  @Field({ description: 'HMAC-SHA256 key of x-ipzone-signature: keep it, it is never shown again' }) secret: string;
}

@ObjectType({ description: 'One attempt to deliver an event to a webhook' })
export class WebhookDelivery {
  @Field(() => ID) subscriptionId: string;
  @Field() url: string;
  @Field(() => ID) eventId: string;
  @Field(() => NotificationEvent) event: NotificationEvent;
  @Field(() => Int, { description: '1 for the first try' }) attempt: number;
  @Field() delivered: boolean;
  @Field(() => Int, { nullable: true }) httpStatus: number | null;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field({
    description: 'A failed attempt after which no retry follows (WEBHOOK_RETRY_LIMIT retries spent): the event is not delivered',
  })
  gaveUp: boolean;
  @Field() at: string;
}

@ObjectType({ description: 'Someone an organisation has e-mailed about the listed events' })
export class MailRecipient {
  @Field(() => Organization, { nullable: true }) organization: Organization | null;
  @Field() email: string;
  @Field(() => [NotificationEvent]) events: NotificationEvent[];
}
