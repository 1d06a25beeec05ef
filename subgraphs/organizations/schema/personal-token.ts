import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Organization } from './organization';

@ObjectType({
  description: 'A personal access token issued to a named person of an organisation (the token itself is never shown again)',
})
export class PersonalToken {
  @Field(() => ID, { description: 'Its id: what revokeToken takes' }) id: string;
  @Field({ description: 'The person it was issued to' }) holder: string;
  @Field(() => Organization, { nullable: true }) organization?: Organization | null;
  organizationId: string;
  @Field({ description: 'reporter, analyst, coordinator or admin' }) role: string;
  @Field({ description: 'Subject of the token that issued it' }) issuedBy: string;
  @Field() issuedAt: string;
  @Field() expiresAt: string;
  @Field(() => String, { nullable: true, description: 'When a gateway last accepted it (recorded within seconds)' })
  lastUsedAt: string | null;
  @Field(() => String, { nullable: true }) revokedAt: string | null;
}

@ObjectType({ description: 'A token just issued: shown this once' })
export class IssuedPersonalToken {
  @Field({ description: 'The token (Authorization: Bearer …); the hub keeps only its hash' }) token: string;
  @Field(() => PersonalToken) personalToken: PersonalToken;
}

@Directive('@inaccessible')
@ObjectType({ description: 'A personal token a gateway may accept (between services only)' })
export class PersonalTokenGrant {
  @Field(() => ID) id: string;
  @Field({ description: 'SHA-256 of the token, hex' }) hash: string;
  @Field() holder: string;
  @Field(() => ID) organizationId: string;
  @Field() role: string;
  @Field() expiresAt: string;
}

@Directive('@inaccessible')
@InputType({ description: 'When a gateway last accepted a personal token (between services only)' })
export class TokenUseInput {
  @Field(() => ID) tokenId: string;
  @Field({ description: 'ISO 8601' }) at: string;
}

@ObjectType({ description: 'Who the token of the request stands for' })
export class Viewer {
  @Field({ description: "The token's subject: a person's name for a personal token" }) subject: string;
  @Field(() => [String]) roles: string[];
  @Field(() => Organization, { nullable: true }) organization?: Organization | null;
  organizationId: string;
}
