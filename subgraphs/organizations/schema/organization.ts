import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf, ORGANIZATION_KINDS, type OrganizationKind as OrganizationKindName } from '../../../lib/enums';

export const OrganizationKind = enumOf(ORGANIZATION_KINDS);
export type OrganizationKind = OrganizationKindName;
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of body an organisation is',
});

@Directive('@key(fields: "id")')
@ObjectType({ description: "An agency or body named among the plan's responsible units" })
export class Organization {
  @Field(() => ID, { description: 'Stable slug, e.g. "amr" for 市市场监管局' })
  id: string;

  @Field({ description: 'Canonical name as the document writes it, e.g. 市市场监管局' })
  name: string;

  @Field({ description: 'English name' })
  nameEn: string;

  @Field(() => OrganizationKind)
  kind: OrganizationKind;

  @Field(() => String, { nullable: true, description: 'Why a name or alias maps here, where it is not obvious' })
  note: string | null;

  parentId: string | null;
}

@InputType({ description: 'Narrows the list of organisations' })
export class OrganizationFilter {
  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, English name, id or any alias' })
  search?: string | null;
}

@Directive('@inaccessible')
@ObjectType({ description: 'What a name, alias or id denotes' })
export class OrganizationReference {
  @Field({ description: 'The reference as given' })
  reference: string;

  @Field(() => ID, { nullable: true, description: 'The organisation it denotes; null when unknown' })
  id: string | null;
}
