import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Organization } from './organization';
import { PersonalTokenGrant } from './personal-token';

@ObjectType({ description: "A caller's token taken back: the gateways refuse it within seconds" })
export class TokenRevocation {
  @Field({ description: 'The revoked token\'s id (its "jti" claim; `npm run token` prints it)' })
  tokenId: string;

  @Field(() => String, { nullable: true, description: 'Why it was revoked' })
  reason: string | null;

  @Field({ description: 'Subject of the token that revoked it' })
  revokedBy: string;

  @Field(() => Organization, { nullable: true, description: 'Organisation of the token that revoked it' })
  revokedByOrganization?: Organization | null;

  revokedByOrganizationId: string;

  @Field({ description: 'When (ISO 8601)' })
  revokedAt: string;
}

@Directive('@inaccessible')
@ObjectType({ description: 'What the gateways judge tokens by (between services only)' })
export class IdentityDirectory {
  @Field(() => [ID])
  organizationIds: string[];

  @Field(() => [String], { description: 'Ids (jti) of the tokens revoked since the given time' })
  revokedTokenIds: string[];

  @Field(() => [PersonalTokenGrant], { description: 'Personal tokens neither expired nor revoked' })
  personalTokens: PersonalTokenGrant[];
}
