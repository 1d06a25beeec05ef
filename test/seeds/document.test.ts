/**
 * The seed files under seeds/ are the data of record for 武政办〔2024〕89号. A reviewer
 * reads each record next to the document. This test does the mechanical part of that
 * review: every figure, name and sentence in the seeds must come from the document
 * text, and every cross-reference must resolve.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  type IndicatorSeed,
  leadOf,
  type OrganizationSeed,
  type PlanSeed,
  type TaskSeed,
  withIncludedUnits,
} from '../../seeds/model';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(SEEDS, file), 'utf8')) as T;

const documentText = fs.readFileSync(path.join(SEEDS, 'source', 'wuhan-ip-protection-demo-zone-plan-2024-89.txt'), 'utf8');
const documentLines = documentText.split('\n');
/** The document with the OCR's line breaks and stray spaces removed. */
const squeeze = (s: string): string => s.replace(/\s+/g, '');
const squeezedDocument = squeeze(documentText);
/** Section 一、建设目标: where the eight headline goals are written. */
const goalsParagraph = documentLines[documentLines.indexOf('一、建设目标') + 2];

const organizations = read<OrganizationSeed[]>('organizations.json');
const plan = read<PlanSeed>('plan.json');
const tasks = read<TaskSeed[]>('tasks.json');
const indicators = read<IndicatorSeed[]>('indicators.json');

const orgById = new Map(organizations.map((o) => [o.id, o]));
const taskBySeq = new Map(tasks.map((t) => [t.seq, t]));
const measureBySeq = new Map(plan.measures.map((m) => [m.seq, m]));
const sectionBySeq = new Map(plan.sections.map((s) => [s.seq, s]));
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Splits a 责任单位 cell the way the annex writes it: 、 ， or ASCII commas, outside （…）. */
function splitResponsibleCell(cell: string): { asWritten: string; qualifier: string | null }[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of cell) {
    if (ch === '（') depth += 1;
    if (ch === '）') depth -= 1;
    if (depth === 0 && '、，,'.includes(ch)) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts.map((part) => {
    const m = /^(.+?)（(.+)）$/.exec(part);
    return m ? { asWritten: m[1], qualifier: m[2] } : { asWritten: part, qualifier: null };
  });
}

describe('the plan record', () => {
  it('carries the title, number, issuer and dates printed on the document', () => {
    expect(documentText).toContain(plan.title);
    expect(documentText).toContain(plan.documentNumber);
    expect(plan.documentNumber).toBe('武政办〔2024〕89号');
    expect(documentText).toContain(plan.issuer);
    const [sy, sm, sd] = plan.signedOn.split('-').map(Number);
    expect(documentText).toContain(`${sy}年${sm}月${sd}日`);
    const [py, pm, pd] = plan.printedOn.split('-').map(Number);
    expect(documentText).toContain(`${py}年${pm}月${pd}日印发`);
  });

  it('has the three phases of 三、进度安排 with their spans and descriptions', () => {
    expect(plan.phases.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(plan.phases.map((p) => [p.start, p.end])).toEqual([
      ['2024-08', '2024-09'],
      ['2024-09', '2026-01'],
      ['2026-01', '2026-02'],
    ]);
    for (const phase of plan.phases) {
      expect(squeezedDocument).toContain(squeeze(phase.name));
      expect(squeezedDocument).toContain(squeeze(phase.description));
      expect(phase.start <= phase.end).toBe(true);
    }
  });

  it('has the seven sections (一)…(七) of 二、工作任务, titles as written', () => {
    expect(plan.sections.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.sections.map((s) => s.numeral).join('')).toBe('一二三四五六七');
    for (const section of plan.sections) {
      expect(squeezedDocument).toContain(squeeze(`(${section.numeral})${section.title}`));
    }
  });

  it('has the 22 measures, each title and text as written modulo the OCR line breaks', () => {
    expect(plan.measures.map((m) => m.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    for (const measure of plan.measures) {
      expect(sectionBySeq.has(measure.sectionSeq)).toBe(true);
      expect(measure.title).not.toContain('。');
      expect(squeezedDocument).toContain(squeeze(`${measure.seq}.${measure.title}。${measure.text}`));
    }
  });
});

describe('the annex tasks', () => {
  it('are the 58 rows of the annex, in order', () => {
    expect(tasks).toHaveLength(58);
    expect(tasks.map((t) => t.seq)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
  });

  it('reproduce each annex row exactly: category as printed, content, ★, responsible cell, deadline', () => {
    for (const task of tasks) {
      const row = [
        task.seq,
        task.categoryAsPrinted ?? '',
        task.content + (task.featured ? '★' : ''),
        task.responsibleAsWritten,
        task.deadlineAsWritten,
      ].join('\t');
      expect(documentLines).toContain(row);
    }
  });

  it('have content that is a substring of the document, without the ★', () => {
    for (const task of tasks) {
      expect(documentText).toContain(task.content);
      expect(task.content).not.toContain('★');
    }
  });

  it('mark as featured exactly the 23 tasks the document stars', () => {
    const featured = tasks.filter((t) => t.featured);
    expect(featured).toHaveLength(23);
    for (const task of tasks) {
      expect(documentText.includes(task.content + '★')).toBe(task.featured);
    }
  });

  it('have the deadlines of the annex: 1 in 2024-09, 4 in 2024-12, 2 in 2025-06, 29 in 2025-12, 22 ongoing', () => {
    const count = (deadline: string | null) => tasks.filter((t) => t.deadline === deadline).length;
    expect(count('2024-09')).toBe(1);
    expect(count('2024-12')).toBe(4);
    expect(count('2025-06')).toBe(2);
    expect(count('2025-12')).toBe(29);
    expect(count(null)).toBe(22);
    expect(tasks.filter((t) => t.ongoing)).toHaveLength(22);
    for (const task of tasks) {
      if (task.ongoing) {
        expect(task.deadlineAsWritten).toBe('长期坚持');
        expect(task.deadline).toBeNull();
      } else {
        expect(task.deadline).toMatch(YEAR_MONTH);
        const [y, m] = (task.deadline as string).split('-').map(Number);
        expect(task.deadlineAsWritten).toBe(`${y}年${m}月`);
      }
    }
  });

  it('belong to a section and a measure of the body text that agree with each other', () => {
    for (const task of tasks) {
      const measure = measureBySeq.get(task.measureSeq);
      expect(measure).toBeDefined();
      expect(sectionBySeq.has(task.sectionSeq)).toBe(true);
      expect(measure?.sectionSeq).toBe(task.sectionSeq);
    }
    // Tasks follow the body's order: measure numbers never go down along the annex.
    for (let i = 1; i < tasks.length; i += 1) {
      expect(tasks[i].measureSeq).toBeGreaterThanOrEqual(tasks[i - 1].measureSeq);
    }
    // Every measure has at least one task.
    expect(new Set(tasks.map((t) => t.measureSeq)).size).toBe(22);
    expect(tasks.filter((t) => t.sectionSeq === 7).map((t) => t.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 48));
  });

  it('name their category as printed on the row (or null) and the merged cell it belongs to', () => {
    for (const task of tasks) {
      if (task.categoryAsPrinted !== null) {
        expect(documentText).toContain(task.categoryAsPrinted);
      }
      expect(task.category.trim()).toBe(task.category);
      expect(task.category).not.toMatch(/\s/);
      if (task.sectionSeq < 7) {
        expect(task.category).toBe(sectionBySeq.get(task.sectionSeq)?.annexCategory);
      }
    }
    // A category printed on a row is the merged heading, up to OCR breaks and losses.
    for (const task of tasks.filter((t) => t.categoryAsPrinted !== null && t.sectionSeq >= 5)) {
      expect(squeeze(task.categoryAsPrinted as string)).toBe(task.category);
    }
    // Each annex heading occurs on a row of its section.
    for (const section of plan.sections.filter((s) => s.seq < 7)) {
      const printed = tasks.filter((t) => t.sectionSeq === section.seq && t.categoryAsPrinted !== null);
      expect(printed.length).toBeGreaterThan(0);
    }
  });

  it('list their responsible units as the cell writes them, 同上 resolved', () => {
    for (const task of tasks) {
      expect(documentText).toContain(task.responsibleAsWritten);
      expect(task.responsible.length).toBeGreaterThan(0);
      if (task.responsibleAsWritten === '同上') {
        const previous = taskBySeq.get(task.seq - 1) as TaskSeed;
        expect(task.responsible).toEqual(previous.responsible);
      } else {
        const split = splitResponsibleCell(task.responsibleAsWritten);
        expect(task.responsible.map((u) => u.asWritten)).toEqual(split.map((u) => u.asWritten));
        expect(task.responsible.map((u) => u.qualifier ?? null)).toEqual(split.map((u) => u.qualifier));
      }
      for (const unit of task.responsible) {
        const org = orgById.get(unit.organizationId);
        expect(org).toBeDefined();
        expect([org?.name, ...(org?.aliases ?? [])]).toContain(unit.asWritten);
      }
    }
  });

  it('are led by the first unit of their cell, unless the document names the lead elsewhere', () => {
    for (const task of tasks) {
      if (!task.leadOrganizationId) continue;
      expect(task.responsible.map((u) => u.organizationId)).toContain(task.leadOrganizationId);
      const quoted = /: (.+牵头.+?)\./.exec(task.leadNote ?? '')?.[1];
      expect(quoted && squeezedDocument.includes(squeeze(quoted))).toBe(true);
    }
  });

  it('have the joint meeting (tasks 1 and 2) led by 市市场监管局, as section 四 writes: 由市市场监管局牵头', () => {
    const measures = documentText.slice(documentText.indexOf('四、组织保障'));
    expect(measures).toContain('建立由市市场监管局牵头、各相关部门参与的示范区建设联席会议工作机制');
    expect(taskBySeq.get(1)!.content).toContain('联席会议');
    expect(taskBySeq.get(1)!.responsible[0].asWritten).toBe('市委宣传部');
    expect(leadOf(taskBySeq.get(1)!)).toBe('amr');
    expect(leadOf(taskBySeq.get(2)!)).toBe('amr');
  });

  it('are led by 市市场监管局 in 40 cases (38 first in their cell, and the joint meeting), under any spelling', () => {
    const led = tasks.filter((t) => leadOf(t) === 'amr');
    expect(led).toHaveLength(40);
    expect(tasks.filter((t) => t.responsible[0].organizationId === 'amr')).toHaveLength(38);
    const spellings = new Set(led.map((t) => t.responsible.find((u) => u.organizationId === 'amr')!.asWritten));
    expect([...spellings].sort()).toEqual(['市场监管局', '市市场监管局']);
  });

  it("make the zones' and the scenic area's committees co-responsible wherever the annex writes 各区人民政府", () => {
    // Task 1: 各区人民政府（含开发区、长江新区、风景区管委会，下同）.
    expect(taskBySeq.get(1)!.responsibleAsWritten).toContain('各区人民政府（含开发区、长江新区、风景区管委会，下同）');
    const committees = organizations.filter((o) => o.kind === 'DEVELOPMENT_ZONE_COMMITTEE').map((o) => o.id);
    expect([...(orgById.get('districts')!.includes ?? [])].sort()).toEqual([...committees].sort());
    expect(orgById.get('scenic-area')).toMatchObject({ name: '风景区管委会', kind: 'DEVELOPMENT_ZONE_COMMITTEE' });
    const withDistricts = tasks.filter((t) => t.responsible.some((u) => u.organizationId === 'districts'));
    expect(withDistricts.map((t) => t.seq)).toEqual([1, 2, 17, 32, 54, 55, 58]);
    for (const task of withDistricts) {
      const units = withIncludedUnits(task, organizations).map((u) => u.organizationId);
      expect(units).toEqual(expect.arrayContaining(committees));
      expect(new Set(units).size).toBe(units.length);
    }
    // A task that does not write 各区人民政府 gains nobody.
    expect(withIncludedUnits(taskBySeq.get(53)!, organizations)).toEqual(taskBySeq.get(53)!.responsible);
  });

  it('split task 53 so that its trailing 管委会 goes with each of the four zones', () => {
    const t53 = taskBySeq.get(53) as TaskSeed;
    expect(t53.responsible.map((u) => [u.asWritten, u.organizationId])).toEqual([
      ['市市场监管局', 'amr'],
      ['市公安局', 'police'],
      ['东湖高新区', 'east-lake-hi-tech-zone'],
      ['武汉经开区', 'wuhan-economic-development-zone'],
      ['长江新区', 'changjiang-new-area'],
      ['临空港开发区管委会', 'lingkonggang-development-zone'],
    ]);
    for (const unit of t53.responsible.slice(2)) {
      expect(orgById.get(unit.organizationId)?.kind).toBe('DEVELOPMENT_ZONE_COMMITTEE');
    }
  });
});

describe('the organisations', () => {
  it('have unique kebab-case ids, and the ids the rest of the code relies on', () => {
    const ids = organizations.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
    const expected: Record<string, string> = {
      amr: '市市场监管局',
      court: '市法院',
      procuratorate: '市检察院',
      customs: '武汉海关',
      police: '市公安局',
      justice: '市司法局',
      publicity: '市委宣传部',
      statistics: '市统计局',
      districts: '各区人民政府',
      'science-tech': '市科技创新局',
      'culture-tourism': '市文旅局',
      arbitration: '武汉仲裁委办',
      'east-lake-hi-tech-zone': '东湖高新区管委会',
      'wuhan-economic-development-zone': '武汉经开区管委会',
    };
    for (const [id, name] of Object.entries(expected)) {
      expect(orgById.get(id)?.name).toBe(name);
    }
  });

  it('are all named somewhere in the document, by name or alias', () => {
    for (const org of organizations) {
      const names = [org.name, ...org.aliases];
      expect(names.some((n) => documentText.includes(n))).toBe(true);
      for (const alias of org.aliases) expect(documentText).toContain(alias);
      if (org.parentId != null) expect(orgById.has(org.parentId)).toBe(true);
    }
  });

  it('cover every unit of the 责任单位 column (with those 各区人民政府 includes), and the issuer', () => {
    const used = new Set(tasks.flatMap((t) => withIncludedUnits(t, organizations).map((u) => u.organizationId)));
    const unused = organizations
      .filter((o) => !used.has(o.id))
      .map((o) => o.id)
      .sort();
    expect(unused).toEqual(['city-government', 'city-government-office']);
    expect([orgById.get('city-government-office')?.name, ...(orgById.get('city-government-office')?.aliases ?? [])]).toContain(
      plan.issuer,
    );
  });

  it("never share a spelling: no alias is claimed twice or equals another organisation's name", () => {
    const owner = new Map<string, string>();
    for (const org of organizations) {
      for (const spelling of [org.name, ...org.aliases]) {
        expect(owner.get(spelling) ?? org.id).toBe(org.id);
        owner.set(spelling, org.id);
      }
      expect(new Set(org.aliases).size).toBe(org.aliases.length);
      expect(org.aliases).not.toContain(org.name);
    }
  });
});

describe('the indicators', () => {
  it('have unique kebab-case ids', () => {
    const ids = indicators.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
  });

  it('include the eight headline goals of section 一, due at the end of 2025', () => {
    const headline = indicators.filter((i) => i.headline);
    expect(headline.map((i) => i.id).sort()).toEqual(
      [
        'ip-protection-satisfaction',
        'high-value-patents-per-10k',
        'copyright-registrations',
        'patent-intensive-industry-share',
        'admin-case-cycle-reduction',
        'assistance-mediation-cases',
        'trial-closure-within-limit-rate',
        'average-trial-closure-days',
      ].sort(),
    );
    expect(goalsParagraph).toContain('到 2025 年底');
    for (const indicator of headline) {
      expect(indicator.source).toBe('goals');
      expect(indicator.deadline).toBe('2025-12');
      expect(goalsParagraph).toContain(indicator.quote);
    }
  });

  it('quote the document exactly, and the quote carries the target number as written', () => {
    for (const indicator of indicators) {
      expect(documentText).toContain(indicator.quote);
      expect(indicator.quote).toContain(String(indicator.targetValue));
    }
  });

  it('come from the task they belong to, due when the task is due', () => {
    for (const indicator of indicators.filter((i) => !i.headline)) {
      const m = /^task:(\d+)$/.exec(indicator.source);
      expect(m).not.toBeNull();
      const task = taskBySeq.get(Number(m?.[1])) as TaskSeed;
      expect(task).toBeDefined();
      expect(indicator.taskSeqs).toContain(task.seq);
      expect(task.content).toContain(indicator.quote);
      expect(indicator.deadline).toBe(task.deadline);
      if (task.ongoing) expect(['ANNUAL', 'CONTINUOUS']).toContain(indicator.periodicity);
    }
  });

  it("resolve their tasks and owners; task owners are among the task's responsible units", () => {
    for (const indicator of indicators) {
      expect(indicator.ownerIds.length).toBeGreaterThan(0);
      for (const ownerId of indicator.ownerIds) expect(orgById.has(ownerId)).toBe(true);
      for (const seq of indicator.taskSeqs) expect(taskBySeq.has(seq)).toBe(true);
      for (const seq of indicator.taskSeqs) {
        const responsible = (taskBySeq.get(seq) as TaskSeed).responsible.map((u) => u.organizationId);
        for (const ownerId of indicator.ownerIds) expect(responsible).toContain(ownerId);
      }
      if (indicator.deadline !== null) expect(indicator.deadline).toMatch(YEAR_MONTH);
    }
  });

  it('follow the wording for comparators', () => {
    const expectations: [RegExp, IndicatorSeed['comparator']][] = [
      [/压减/, 'REDUCE_BY_PERCENT'],
      [/提升|增长/, 'INCREASE_BY_PERCENT'],
      [/100\s*%/, 'EQUAL'],
      [/超过|突破/, 'MORE_THAN'],
      [/以内/, 'AT_MOST'],
      [/以上|不低于|不少于|达到/, 'AT_LEAST'],
    ];
    for (const indicator of indicators) {
      const rule = expectations.find(([re]) => re.test(indicator.quote));
      // A bare count to build or set up (建成…35家, 设立…3000家) is a floor.
      expect(rule?.[1] ?? 'AT_LEAST').toBe(indicator.comparator);
    }
  });

  it('bound a relative target strictly exactly where the document writes 超 (增长量超80%: +80 % is not enough)', () => {
    const relative = indicators.filter((i) => i.comparator === 'INCREASE_BY_PERCENT' || i.comparator === 'REDUCE_BY_PERCENT');
    expect(relative.length).toBeGreaterThan(1);
    for (const i of relative)
      expect({ id: i.id, strict: !!i.strictBound }).toEqual({ id: i.id, strict: /超\s*\d/.test(i.quote) });
    expect(indicators.filter((i) => i.strictBound).map((i) => i.id)).toEqual([
      'rapid-protection-centre-registered-entities-growth',
    ]);
  });

  it("weight the year's average closure time (全年平均结案时间) by the court's cases closed", () => {
    const monitoring = read<IndicatorSeed[]>('monitoring-indicators.json');
    const days = indicators.find((i) => i.id === 'average-trial-closure-days')!;
    expect(days).toMatchObject({ name: '全年平均结案时间', rollup: 'AVERAGE', weightIndicator: 'court-ip-cases-closed' });
    expect(monitoring.find((i) => i.id === days.weightIndicator)).toMatchObject({ rollup: 'SUM', ownerIds: days.ownerIds });
    for (const i of [...indicators, ...monitoring]) if (i.weightIndicator) expect(i.rollup).toBe('AVERAGE');
  });

  it('state every numeric target of the annex once, the grant thresholds of task 33 included', () => {
    const withTargets = [...new Set(indicators.flatMap((i) => i.taskSeqs))].sort((a, b) => a - b);
    expect(withTargets).toEqual([2, 10, 14, 15, 20, 22, 25, 26, 31, 33, 44, 46, 54, 56]);
    const quotes = indicators.map((i) => `${i.quote}|${i.id}`);
    expect(new Set(quotes).size).toBe(quotes.length);
    // Task 33: ownership share 不低于70%, long-term use right 不低于10年, both floors.
    const task33 = indicators.filter((i) => i.taskSeqs.includes(33));
    expect(task33.map((i) => [i.comparator, i.targetValue, i.unit])).toEqual([
      ['AT_LEAST', 70, '%'],
      ['AT_LEAST', 10, '年'],
    ]);
    for (const i of task33) expect(taskBySeq.get(33)!.content).toContain(i.quote);
  });
});
