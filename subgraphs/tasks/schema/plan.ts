import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The plan document: 武汉市国家知识产权保护示范区建设方案' })
export class Plan {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() titleEn: string;
  @Field({ description: '武政办〔2024〕89号' }) documentNumber: string;
  @Field() issuer: string;
  @Field({ description: 'Date the notice was signed (YYYY-MM-DD)' }) signedOn: string;
  @Field({ description: 'Date the notice was printed (YYYY-MM-DD)' }) printedOn: string;
}

@ObjectType({ description: 'A phase of 三、进度安排' })
export class Phase {
  @Field(() => Int) seq: number;
  @Field() name: string;
  @Field() nameEn: string;
  @Field({ description: 'First month (YYYY-MM)' }) startMonth: string;
  @Field({ description: 'Last month (YYYY-MM)' }) endMonth: string;
  @Field() description: string;
}

@Directive('@key(fields: "seq")')
@ObjectType({ description: 'One of the seven sections (一)…(七) of 二、工作任务' })
export class Section {
  @Field(() => Int, { description: 'Section 1 … 7' }) seq: number;
  @Field({ description: '一 … 七' }) numeral: string;
  @Field() title: string;
  @Field() titleEn: string;
  @Field({ description: "The heading the annex table uses for this section's tasks" }) annexCategory: string;
}

@ObjectType({ description: 'One of the 22 numbered measures' })
export class Measure {
  @Field(() => Int) seq: number;
  @Field(() => Int) sectionSeq: number;
  @Field() title: string;
  @Field() titleEn: string;
  @Field({ description: "The measure's text as written" }) text: string;
}
