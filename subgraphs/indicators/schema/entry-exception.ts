import { Field, ID, ObjectType } from 'type-graphql';
import { Organization } from './indicator';

@ObjectType({ description: 'Leave for one organisation to write one period after its entry window closed, until a time' })
export class EntryException {
  @Field(() => ID) id: string;
  @Field(() => Organization, { nullable: true }) organization: Organization | null;
  @Field() period: string;
  @Field({ description: 'When the exception ends (ISO 8601)' }) until: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field({ description: 'Subject of the token that granted it' }) grantedBy: string;
  @Field(() => Organization, { nullable: true }) grantedByOrganization: Organization | null;
  @Field() grantedAt: string;
}
